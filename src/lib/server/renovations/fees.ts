/**
 * The renovation fees (rule 5e): when security approves fire safety, the fees of the estate's
 * renovation fee schedule are issued as bills to the application's occupancy — the deposit as a
 * deposit bill (so its refund, minus fines, goes through the refunds flow), the other fees as one
 * renovation bill. The schedule is the fees dictionary's active one-off items coded renovation_*
 * of kind deposit or renovation, priced for the estate on the day; an item per m² is charged on
 * the application's area. Worker passes (renovation_worker_pass) are billed per pass when issued.
 *
 * The step moves on by itself (the system's fees_settled) once every one of those bills is paid
 * and the insurance policy is uploaded, whichever comes last.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client.ts';
import { bills, renovationDocuments } from '../db/schema/index.ts';
import { oneOffFeeItems, type OneOffItem } from '../fees/fee-items.ts';
import { issueBill, type IssueBillLine } from '../fees/issue-bill.ts';
import { unitToday } from '../property/occupancy.ts';
import type { RenovationApplication } from './access.ts';
import { takeSystemAction } from './transition.ts';

const SCHEDULE_PREFIX = 'renovation_';
export const WORKER_PASS_FEE_CODE = 'renovation_worker_pass';

function line(item: OneOffItem, area: string | null): IssueBillLine {
	return {
		feeItemId: item.id,
		nameEn: item.nameEn,
		nameZhHans: item.nameZhHans,
		nameZhHant: item.nameZhHant,
		quantity: item.basis === 'per_m2' ? (area ?? '0') : '1',
		priceMicro: item.priceMicro!
	};
}

/** Issues the application's fees (once: issuing again finds the same bills); returns their ids. */
export async function issueRenovationFees(tx: Tx, application: RenovationApplication, actorId: string | null): Promise<string[]> {
	const today = await unitToday(tx, application.unitId);
	const schedule = (await oneOffFeeItems(application.estateId, today, tx)).filter(
		(item) =>
			item.code.startsWith(SCHEDULE_PREFIX) &&
			item.code !== WORKER_PASS_FEE_CODE &&
			item.priceMicro !== null &&
			(item.kind === 'deposit' || item.kind === 'renovation') &&
			(item.basis === 'fixed' || (item.basis === 'per_m2' && application.areaM2 !== null && Number(application.areaM2) > 0))
	);
	const ids: string[] = [];
	for (const source of ['deposit', 'renovation'] as const) {
		const lines = schedule.filter((item) => item.kind === source).map((item) => line(item, application.areaM2));
		if (lines.length === 0) continue;
		const bill = await issueBill(tx, {
			unitId: application.unitId,
			payer: { occupancyId: application.occupancyId },
			source,
			sourceId: application.id,
			lines,
			actorId
		});
		ids.push(bill.billId);
	}
	return ids;
}

/** The application's fee bills (the deposit's and the fees'), in the order issued. */
export function renovationBills(executor: Executor, applicationId: string) {
	return executor
		.select({
			id: bills.id,
			seq: bills.seq,
			source: bills.source,
			state: bills.state,
			totalMinor: bills.totalMinor,
			currency: bills.currency
		})
		.from(bills)
		.where(and(eq(bills.sourceId, applicationId), inArray(bills.source, ['deposit', 'renovation'])))
		.orderBy(asc(bills.seq));
}

/** Moves the application on from the fees step when everything it waits for is there. */
export async function settleIfComplete(tx: Tx, applicationId: string): Promise<boolean> {
	const fees = (await renovationBills(tx, applicationId)).filter((b) => b.state !== 'void');
	if (fees.some((b) => b.state !== 'paid')) return false;
	const [insurance] = await tx
		.select({ id: renovationDocuments.id })
		.from(renovationDocuments)
		.where(and(eq(renovationDocuments.applicationId, applicationId), eq(renovationDocuments.kind, 'insurance')))
		.limit(1);
	if (!insurance) return false;
	return takeSystemAction(tx, applicationId, 'fees_settled');
}

/** The listener the ledger calls with bills just paid (fees/paid-listeners.ts, registered at start). */
export async function renovationBillsPaid(tx: Tx, paidBillIds: readonly string[]): Promise<void> {
	const paid = await tx
		.select({ applicationId: bills.sourceId })
		.from(bills)
		.where(and(inArray(bills.id, [...paidBillIds]), inArray(bills.source, ['deposit', 'renovation'])));
	for (const applicationId of new Set(paid.map((p) => p.applicationId))) {
		if (applicationId) await settleIfComplete(tx, applicationId);
	}
}
