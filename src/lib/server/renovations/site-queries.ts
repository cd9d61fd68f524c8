/**
 * What the application's pages show of the works (rule 5 e–i), for the applicant side and the back
 * office alike: the signatures, every permit with its status on the estate's today, the
 * inspections (requested hidden-works ones too) and violations with their fines' bills, and the
 * deposit's refund once the acceptance has asked for it. The caller has already loaded the
 * application for the actor (access.ts).
 */
import { desc, eq, inArray } from 'drizzle-orm';
import { billReference, hotWorkReference, passReference, permitReference, refundReference } from '#lib/references.ts';
import { businessToday } from '#lib/time/index.ts';
import { db } from '../db/client.ts';
import { bills, refunds, renovationInspections, renovationViolations, users } from '../db/schema/index.ts';
import type { RenovationApplication } from './access.ts';
import { applicationPermits, permitStatus } from './permits.ts';
import { applicationSignatures } from './signatures.ts';
import { passesOf } from './passes.ts';

export async function siteRecord(application: RenovationApplication, timeZone: string) {
	const today = businessToday({ timeZone });
	const [signatures, permits, inspections, violations, refund, issued] = await Promise.all([
		applicationSignatures(db(), application.id),
		applicationPermits(db(), application.id),
		db()
			.select({
				id: renovationInspections.id,
				kind: renovationInspections.kind,
				department: renovationInspections.department,
				inspector: users.name,
				inspectedOn: renovationInspections.inspectedOn,
				outcome: renovationInspections.outcome,
				findings: renovationInspections.findings,
				photoFileIds: renovationInspections.photoFileIds,
				requestedWhat: renovationInspections.requestedWhat,
				requestedOn: renovationInspections.requestedOn
			})
			.from(renovationInspections)
			.leftJoin(users, eq(users.id, renovationInspections.inspectorId))
			.where(eq(renovationInspections.applicationId, application.id))
			.orderBy(desc(renovationInspections.createdAt)),
		db()
			.select({
				id: renovationViolations.id,
				department: renovationViolations.department,
				description: renovationViolations.description,
				fineMinor: renovationViolations.fineMinor,
				billId: renovationViolations.billId,
				createdAt: renovationViolations.createdAt
			})
			.from(renovationViolations)
			.where(eq(renovationViolations.applicationId, application.id))
			.orderBy(desc(renovationViolations.createdAt)),
		application.depositRefundId
			? db()
					.select({ id: refunds.id, seq: refunds.seq, state: refunds.state, payoutMinor: refunds.payoutMinor, currency: refunds.currency })
					.from(refunds)
					.where(eq(refunds.id, application.depositRefundId))
					.then((rows) => rows[0])
			: undefined,
		passesOf(db(), application.id)
	]);
	const fineBillIds = violations.flatMap((v) => (v.billId ? [v.billId] : []));
	const fineBills = fineBillIds.length
		? await db()
				.select({ id: bills.id, seq: bills.seq, state: bills.state, currency: bills.currency })
				.from(bills)
				.where(inArray(bills.id, fineBillIds))
		: [];
	return {
		signatures,
		permits: permits.map((p) => ({
			id: p.id,
			reference: permitReference(p.seq),
			validFrom: p.validFrom,
			validTo: p.validTo,
			status: permitStatus(p, today, application.state),
			revokeReason: p.revokeReason
		})),
		inspections,
		passes: issued.passes.map((p) => ({
			id: p.id,
			reference: passReference(p.seq),
			name: p.name,
			idLast4: p.idLast4,
			photoFileId: p.photoFileId
		})),
		hotWork: issued.hotWork.map((h) => ({ ...h, reference: hotWorkReference(h.seq) })),
		violations: violations.map((v) => {
			const bill = fineBills.find((b) => b.id === v.billId);
			return { ...v, bill: bill ? { id: bill.id, reference: billReference(bill.seq), state: bill.state, currency: bill.currency } : null };
		}),
		refund: refund
			? {
					id: refund.id,
					reference: refundReference(refund.seq),
					state: refund.state,
					payoutMinor: refund.payoutMinor,
					currency: refund.currency
				}
			: null
	};
}

export type SiteRecord = Awaited<ReturnType<typeof siteRecord>>;
