/**
 * An application brought through the real services to the commitments step, for the tests of
 * what follows (signatures, permit, works, acceptance): a company member of a let office applies
 * with a one-sheet drawing, its contractor joins, the drawings and fire safety are approved, the
 * fees are paid at the counter and the insurance policy uploaded.
 */
import { eq } from 'drizzle-orm';
import { addDays, businessToday, DEFAULT_TIME_ZONE } from '#lib/time/index.ts';
import type { Actor } from '../../auth/actor.ts';
import { db } from '../../db/client.ts';
import { companyMembers, renovationApplications } from '../../db/schema/index.ts';
import { ensureDefaultFeeItems } from '../../fees/defaults.ts';
import { onBillsPaid } from '../../fees/paid-listeners.ts';
import { recordCounterPayment } from '../../payments/counter.ts';
import * as fx from '../../property/testing/fixtures.ts';
import { saveApplication, startApplication, submitApplication } from '../applications.ts';
import { joinAsContractor } from '../contractor.ts';
import { addDocument } from '../documents.ts';
import { renovationBills, renovationBillsPaid } from '../fees.ts';
import { applicationDocuments } from '../queries.ts';
import { approveDrawings, approveFireSafety, codeSheet, registerApplication } from '../review.ts';
import { drawingPdf } from './drawings.ts';

export interface ApprovedApplication {
	applicationId: string;
	unitId: string;
	estateId: string;
	member: Actor;
	contractor: Actor;
	desk: Actor;
	engineer: Actor;
	security: Actor;
	manager: Actor;
	cashier: Actor;
}

const paper = () => new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

/**
 * A company member's application for one of its let offices, filled in, with its papers and a
 * drawing of `sheets` sheets, submitted (customer service has it next); its contractor not invited.
 */
export async function submittedApplication(options: { areaM2?: string; sheets?: number } = {}): Promise<ApprovedApplication> {
	const e = await fx.estate();
	const b = await fx.building(e.id, 'T1');
	const [unit] = await fx.unitsIn(b, 1, 'office');
	const acme = await fx.company('Acme Works');
	const memberUser = await fx.residentUser('Mei Member');
	await db().insert(companyMembers).values({ companyId: acme.id, userId: memberUser.id, role: 'member' });
	await fx.occupy(unit!.id, { companyId: acme.id }, 'renter', '2024-01-01', '2099-12-31');
	const people = {
		member: await fx.actorOf(memberUser.id),
		contractor: await fx.contractorActor(),
		desk: await fx.staffActor(['customer_service'], [e.id]),
		engineer: await fx.staffActor(['engineering'], [e.id]),
		security: await fx.staffActor(['security'], [e.id]),
		manager: await fx.staffActor(['manager'], [e.id]),
		cashier: await fx.staffActor(['finance'], [e.id])
	};
	// The fee dictionary as a fresh installation has it, renovation fee schedule included.
	await ensureDefaultFeeItems(db());
	onBillsPaid(renovationBillsPaid);
	const applicationId = await startApplication(people.member, unit!.id);
	await saveApplication(people.member, applicationId, {
		plannedStart: addDays(businessToday({ timeZone: DEFAULT_TIME_ZONE }), 30),
		plannedEnd: addDays(businessToday({ timeZone: DEFAULT_TIME_ZONE }), 83),
		scope: 'Partitions and lighting',
		areaM2: options.areaM2 ?? '80',
		works: ['walls', 'electrical'],
		contractorCompany: 'Harbour Fit-Out Ltd',
		contractorLicence: '91440300MA5F0XYZ1K',
		contractorGrade: '2',
		contractorEmail: 'site@harbour.test',
		contractorPhone: ''
	});
	for (const kind of ['contract', 'business_licence', 'qualification', 'materials_list', 'material_certificate'] as const) {
		await addDocument(people.member, applicationId, { kind, name: `${kind}.pdf`, data: paper() });
	}
	await addDocument(people.member, applicationId, { kind: 'drawing', name: 'plans.pdf', data: await drawingPdf(options.sheets ?? 1) });
	await submitApplication(people.member, applicationId);
	return { applicationId, unitId: unit!.id, estateId: e.id, ...people };
}

/** The same application brought on to the commitments step (see the file comment). */
export async function applicationAtCommitments(options: { contractorJoins?: boolean } = {}): Promise<ApprovedApplication> {
	const a = await submittedApplication();
	const { applicationId } = a;
	if (options.contractorJoins !== false) {
		await db().transaction((tx) => joinAsContractor(tx, applicationId, a.contractor.userId, new Date()));
	}
	await registerApplication(a.desk, applicationId);
	for (const sheet of (await applicationDocuments(applicationId)).filter((d) => d.kind === 'drawing')) {
		await codeSheet(a.engineer, applicationId, sheet.id, 'approved');
	}
	await approveDrawings(a.engineer, applicationId);
	await approveFireSafety(a.security, applicationId);
	const fees = await renovationBills(db(), applicationId);
	await recordCounterPayment(a.cashier, {
		unitId: a.unitId,
		method: 'bank_transfer',
		receiptNo: `R-${applicationId.slice(0, 8)}`,
		receivedOn: new Date().toISOString().slice(0, 10),
		amountMinor: fees.reduce((sum, bill) => sum + bill.totalMinor, 0),
		billIds: fees.map((bill) => bill.id)
	});
	await addDocument(a.member, applicationId, { kind: 'insurance', name: 'policy.pdf', data: paper() });
	const [row] = await db()
		.select({ state: renovationApplications.state })
		.from(renovationApplications)
		.where(eq(renovationApplications.id, applicationId));
	if (row!.state !== 'commitments') throw new Error(`The fixture application stopped at ${row!.state}.`);
	return a;
}
