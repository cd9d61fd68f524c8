import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { addDays, businessToday, DEFAULT_TIME_ZONE } from '#lib/time/index.ts';
import { statusOf, inputErrorOf } from '../../../../tests/request-event.ts';
import { db } from '../db/client.ts';
import { auditLog, customers, customerTypes, noticeDeliveries, renovationApplications, segments, surveys } from '../db/schema/index.ts';
import { ensureDefaultDictionaries } from '../dictionaries/defaults.ts';
import { ensureDefaultFeeItems } from '../fees/defaults.ts';
import { issueBill } from '../fees/issue-bill.ts';
import { createNotice } from '../notices/office.ts';
import { building, company, estate, occupy, residentUser, staffActor, unitsIn } from '../property/testing/fixtures.ts';
import { readXlsx } from '../reports/xlsx-read.ts';
import { reportCsv, reportXlsx } from '../reports/export.ts';
import { answerSurvey } from '../surveys/answering.ts';
import { audiencePage, audienceSize } from '../surveys/audience.ts';
import { annualAnswers, annualTemplateId, sentSurvey } from '../surveys/testing.ts';
import { createSurvey } from '../surveys/sending.ts';
import { editSurvey } from '../surveys/staff.ts';
import { segmentExport } from './segments-export.ts';
import { archiveSegment, createSegment, segmentMembers, segmentPage, updateSegment } from './segments.ts';
import type { SegmentFilter } from '#lib/schemas/segments.ts';

const now = new Date();
const today = businessToday({ timeZone: DEFAULT_TIME_ZONE }, now);

const filter = (part: Partial<SegmentFilter>): SegmentFilter => ({
	typeIds: [],
	grades: [],
	estateIds: [],
	arrears: null,
	areaMin: null,
	areaMax: null,
	renovation: null,
	survey: null,
	...part
});

async function typeId(code: string): Promise<string> {
	await ensureDefaultDictionaries(db());
	const [row] = await db().select({ id: customerTypes.id }).from(customerTypes).where(eq(customerTypes.code, code));
	return row!.id;
}

async function classify(
	party: { userId?: string; companyId?: string },
	code: string,
	grade: string | null = null,
	overrideGrade: string | null = null
) {
	await db()
		.insert(customers)
		.values({
			userId: party.userId ?? null,
			companyId: party.companyId ?? null,
			typeId: await typeId(code),
			grade,
			overrideGrade,
			overrideReason: overrideGrade ? 'Office knows better' : null
		});
}

/** An open bill of the unit's party, due `days` from today (negative: overdue). */
async function bill(unitId: string, party: 'owner' | 'renter', amountMinor: number, days: number) {
	await ensureDefaultFeeItems(db());
	await db().transaction((tx) =>
		issueBill(tx, {
			unitId,
			payer: { party },
			source: 'manual',
			lines: [{ feeItemId: null, nameEn: 'Fee', nameZhHans: '费用', nameZhHant: '費用', quantity: '1', priceMicro: amountMinor * 10_000 }],
			issuedOn: addDays(today, -40),
			dueOn: addDays(today, days),
			actorId: null
		})
	);
}

/**
 * One estate: Acme (key account, a company) rents 1A with an overdue bill and owns 1B; Ko (key
 * account) owns 1C, with a bill not yet due; Ng (retail) owns 1D, overdue; Lam (key account) owns
 * 1E, overdue, and also a unit in another estate; Ho (key account) left 1F, with an overdue bill.
 */
async function setUp() {
	const place = await estate();
	const elsewhere = await estate();
	const block = await building(place.id, 'A');
	const [u1, u2, u3, u4, u5, u6] = await unitsIn(block, 6);
	const [far] = await unitsIn(await building(elsewhere.id, 'Z'), 1);
	const acme = await company('Acme Trading');
	const ko = await residentUser('Ko Siu Ming');
	const ng = await residentUser('Ng Wai');
	const lam = await residentUser('Lam Ka Yan');
	const ho = await residentUser('Ho Chun');
	const occ = {
		acmeRent: await occupy(u1!.id, { companyId: acme.id }, 'renter'),
		acmeOwn: await occupy(u2!.id, { companyId: acme.id }, 'owner'),
		ko: await occupy(u3!.id, { userId: ko.id }),
		ng: await occupy(u4!.id, { userId: ng.id }),
		lam: await occupy(u5!.id, { userId: lam.id }),
		lamFar: await occupy(far!.id, { userId: lam.id }),
		ho: await occupy(u6!.id, { userId: ho.id }, 'owner', '2024-01-01', addDays(today, -5))
	};
	await classify({ companyId: acme.id }, 'key_account', 'B', 'A');
	await classify({ userId: ko.id }, 'key_account', 'A');
	await classify({ userId: ng.id }, 'retail', 'C');
	await classify({ userId: lam.id }, 'key_account', 'C');
	await classify({ userId: ho.id }, 'key_account', 'A');
	await bill(u1!.id, 'renter', 120_000, -10);
	await bill(u3!.id, 'owner', 80_000, 10);
	await bill(u4!.id, 'owner', 50_000, -3);
	await bill(u5!.id, 'owner', 30_000, -20);
	await bill(u6!.id, 'owner', 90_000, -30);
	const office = await staffActor(['customer_service'], [place.id]);
	const otherOffice = await staffActor(['customer_service'], [elsewhere.id]);
	return {
		place,
		elsewhere,
		units: { u1: u1!, u2: u2!, u3: u3!, u4: u4!, u5: u5!, u6: u6!, far: far! },
		acme,
		ko,
		ng,
		lam,
		ho,
		occ,
		office,
		otherOffice
	};
}

const names = async (f: SegmentFilter, estateIds: string[] | null = null) =>
	(await segmentMembers(db(), f, now, { within: estateIds })).members.map((m) => m.name);

const keyAccountsInArrears = async (s: Awaited<ReturnType<typeof setUp>>) =>
	createSegment(s.office, { name: 'Key accounts with arrears', typeIds: [await typeId('key_account')], arrears: 'overdue' });

describe('customer segments', () => {
	it('used as a notice audience, a segment of key accounts with arrears reaches exactly its members’ current occupancies in the estate', async () => {
		const s = await setUp();
		const segmentId = await keyAccountsInArrears(s);
		const noticeId = await createNotice(s.office, {
			estateId: s.place.id,
			titleEn: 'Payment reminder',
			bodyEn: 'Please settle your overdue bills.',
			targets: [`segment:${segmentId}`]
		});
		const delivered = await db()
			.select({ occupancyId: noticeDeliveries.occupancyId })
			.from(noticeDeliveries)
			.where(eq(noticeDeliveries.noticeId, noticeId));
		// Acme's both current units (the arrears are the company's), Lam's unit here — not Lam's other estate,
		// not Ko (nothing overdue), not Ng (not a key account), not Ho (moved out).
		expect(delivered.map((d) => d.occupancyId).sort()).toEqual([s.occ.acmeRent.id, s.occ.acmeOwn.id, s.occ.lam.id].sort());
	});

	it('a customer type as a notice audience reaches the occupancies its customers hold in the estate', async () => {
		const s = await setUp();
		const noticeId = await createNotice(s.office, {
			estateId: s.place.id,
			titleEn: 'Retail briefing',
			bodyEn: 'Shops: a briefing on Monday.',
			targets: [`customer_type:${await typeId('retail')}`]
		});
		const delivered = await db()
			.select({ occupancyId: noticeDeliveries.occupancyId })
			.from(noticeDeliveries)
			.where(eq(noticeDeliveries.noticeId, noticeId));
		expect(delivered.map((d) => d.occupancyId)).toEqual([s.occ.ng.id]);
	});

	it('filters by type, effective grade, estate, arrears with a minimum, and area held', async () => {
		const s = await setUp();
		const key = await typeId('key_account');
		const here = [s.place.id];
		expect(await names(filter({ typeIds: [key] }), here)).toEqual(['Acme Trading', 'Ko Siu Ming', 'Lam Ka Yan']);
		// Acme's override (A) counts, not its computed B.
		expect(await names(filter({ grades: ['A'] }), here)).toEqual(['Acme Trading', 'Ko Siu Ming']);
		expect(await names(filter({ grades: ['B'] }), here)).toEqual([]);
		expect(await names(filter({ estateIds: [s.elsewhere.id] }))).toEqual(['Lam Ka Yan']);
		expect(await names(filter({ arrears: { minMinor: 0 } }), here)).toEqual(['Acme Trading', 'Lam Ka Yan', 'Ng Wai']);
		expect(await names(filter({ arrears: { minMinor: 50_000 } }), here)).toEqual(['Acme Trading', 'Ng Wai']);
		// Units are 70.50 m² each: Acme holds two.
		expect(await names(filter({ areaMin: 100 }), here)).toEqual(['Acme Trading']);
		expect(await names(filter({ areaMax: 100 }), here)).toEqual(['Ko Siu Ming', 'Lam Ka Yan', 'Ng Wai']);
		const [acme] = (await segmentMembers(db(), filter({ arrears: { minMinor: 0 } }), now, { within: here })).members;
		expect(acme).toMatchObject({ name: 'Acme Trading', grade: 'A', overdueMinor: 120_000, areaM2: '141.00' });
	});

	it('filters by a renovation in works now or applied for in a period', async () => {
		const s = await setUp();
		const application = (occupancyId: string, unitId: string, applicantId: string, state: 'in_works' | 'closed', submittedAt: Date) =>
			db().insert(renovationApplications).values({ estateId: s.place.id, unitId, occupancyId, applicantId, state, submittedAt });
		await application(s.occ.ko.id, s.units.u3.id, s.ko.id, 'in_works', new Date('2026-03-10T02:00:00Z'));
		await application(s.occ.ng.id, s.units.u4.id, s.ng.id, 'closed', new Date('2025-06-10T02:00:00Z'));
		const here = [s.place.id];
		expect(await names(filter({ renovation: { kind: 'in_works' } }), here)).toEqual(['Ko Siu Ming']);
		expect(await names(filter({ renovation: { kind: 'period', from: '2025-06-01', to: '2025-06-30' } }), here)).toEqual(['Ng Wai']);
		expect(await names(filter({ renovation: { kind: 'period', from: '2024-01-01', to: '2024-12-31' } }), here)).toEqual([]);
	});

	it('filters by a survey answered in the customer’s name, and by a question scored below N', async () => {
		const { surveyId, token, estateId } = await sentSurvey();
		expect(await names(filter({ survey: { surveyId, questionId: null, below: null } }), [estateId])).toEqual([]);
		await answerSurvey(token, { ...annualAnswers, overall: 2 }, { submit: true });
		expect(await names(filter({ survey: { surveyId, questionId: null, below: null } }), [estateId])).toEqual(['Resident']);
		expect(await names(filter({ survey: { surveyId, questionId: 'overall', below: 3 } }), [estateId])).toEqual(['Resident']);
		expect(await names(filter({ survey: { surveyId, questionId: 'overall', below: 2 } }), [estateId])).toEqual([]);
	});

	it('exports every member as XLSX and CSV, the same rows as the page', async () => {
		const s = await setUp();
		const segmentId = await keyAccountsInArrears(s);
		const { table } = await segmentExport(s.office, segmentId, 'en', now);
		expect(table.rows.map((r) => r[0])).toEqual(['Acme Trading', 'Lam Ka Yan']);
		const [sheet] = readXlsx(await reportXlsx([table], { title: 'Key accounts with arrears' }));
		expect(sheet!.cells.get('A1')).toBe('Customer');
		expect(sheet!.cells.get('A2')).toBe('Acme Trading');
		expect(sheet!.cells.get('B2')).toBe('Key account');
		expect(sheet!.cells.get('C2')).toBe('A');
		expect(sheet!.cells.get('D2')).toBe('Block A 1A, Block A 1B');
		expect(sheet!.cells.get('E2')).toBe(141);
		expect(sheet!.cells.get('F2')).toBe(1200);
		expect(sheet!.cells.get('A3')).toBe('Lam Ka Yan');
		expect(sheet!.cells.has('A4')).toBe(false);
		expect(reportCsv([table])).toContain('Lam Ka Yan');
		const page = await segmentPage(s.office, segmentId, 'en', now);
		expect(page.total).toBe(2);
		expect(page.members.map((m) => [m.name, m.typeName])).toEqual([
			['Acme Trading', 'Key account'],
			['Lam Ka Yan', 'Key account']
		]);
	});

	it('shows a staff member of another estate only the members in their estates, and refuses other estates in a filter', async () => {
		const s = await setUp();
		const segmentId = await keyAccountsInArrears(s);
		// Lam occupies a unit in the other estate, but the arrears are here: nothing of this estate shows.
		expect((await segmentPage(s.otherOffice, segmentId, 'en', now)).total).toBe(0);
		expect((await segmentExport(s.otherOffice, segmentId, 'en', now)).table.rows).toEqual([]);
		const everyKeyAccount = await createSegment(s.otherOffice, { name: 'Key accounts', typeIds: [await typeId('key_account')] });
		expect((await segmentPage(s.otherOffice, everyKeyAccount, 'en', now)).members.map((m) => [m.name, m.units])).toEqual([
			['Lam Ka Yan', 'Block Z 1A']
		]);
		expect(await inputErrorOf(() => createSegment(s.otherOffice, { name: 'Theirs', estateIds: [s.place.id] }))).toMatchObject({
			field: 'estateIds'
		});
		// Used for a notice of another estate, the segment names no one there.
		const noticeId = await createNotice(s.otherOffice, {
			estateId: s.elsewhere.id,
			titleEn: 'Reminder',
			bodyEn: 'Please pay.',
			targets: [`segment:${segmentId}`]
		});
		expect(await db().select().from(noticeDeliveries).where(eq(noticeDeliveries.noticeId, noticeId))).toEqual([]);
	});

	it('is created, changed and archived on the audit log; an archived segment is no audience', async () => {
		const s = await setUp();
		const segmentId = await keyAccountsInArrears(s);
		await updateSegment(s.office, segmentId, {
			name: 'Key accounts owing 1000',
			typeIds: [await typeId('key_account')],
			arrears: 'overdue',
			arrearsMin: '1000'
		});
		const [saved] = await db().select().from(segments).where(eq(segments.id, segmentId));
		expect(saved!.filter.arrears).toEqual({ minMinor: 100_000 });
		await archiveSegment(s.office, segmentId, true);
		const audit = await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectId, segmentId));
		expect(audit.map((a) => a.action)).toEqual(['segments.create', 'segments.update', 'segments.archive']);
		expect(
			await inputErrorOf(() =>
				createNotice(s.office, { estateId: s.place.id, titleEn: 'T', bodyEn: 'B', targets: [`segment:${segmentId}`] })
			)
		).toMatchObject({
			field: 'targets'
		});
		expect(await statusOf(() => segmentPage(s.office, 'not-a-uuid', 'en'))).toBe(404);
		expect(await statusOf(() => segmentPage(s.office, '00000000-0000-4000-8000-000000000000', 'en'))).toBe(404);
		const finance = await staffActor(['finance'], [s.place.id]);
		expect(await statusOf(() => segmentPage(finance, segmentId, 'en'))).toBe(403);
		expect(await inputErrorOf(() => createSegment(s.office, { name: '', arrears: 'overdue' }))).toMatchObject({ field: 'name' });
	});

	it('narrows a survey’s audience to the members of its segments', async () => {
		const s = await setUp();
		const segmentId = await keyAccountsInArrears(s);
		const audience = { estateIds: [s.place.id], buildingIds: [], segmentIds: [segmentId] };
		expect(await audienceSize(db(), audience, 'occupancy', now)).toBe(3);
		const page = await audiencePage(db(), audience, null, 10, now);
		expect(page.map((r) => r.occupancyId).sort()).toEqual([s.occ.acmeRent.id, s.occ.acmeOwn.id, s.occ.lam.id].sort());
		expect(await audienceSize(db(), { estateIds: [s.place.id], buildingIds: [] }, 'occupancy', now)).toBe(5);
	});

	it('is chosen on a survey’s settings, which refuse an unknown or archived segment', async () => {
		const s = await setUp();
		const segmentId = await keyAccountsInArrears(s);
		const manager = await staffActor(['manager'], [s.place.id]);
		const surveyId = await createSurvey(manager, await annualTemplateId());
		const settings = (segmentIds: string[]) => ({
			estateIds: [s.place.id],
			buildingIds: [],
			segmentIds,
			anonymous: false,
			opensOn: '',
			closesOn: ''
		});
		await editSurvey(manager, surveyId, settings([segmentId]));
		const [survey] = await db().select().from(surveys).where(eq(surveys.id, surveyId));
		expect(survey!.audience.segmentIds).toEqual([segmentId]);
		expect(await audienceSize(db(), survey!.audience, 'occupancy', now)).toBe(3);
		expect(await inputErrorOf(() => editSurvey(manager, surveyId, settings(['00000000-0000-4000-8000-000000000000'])))).toMatchObject({
			field: 'segmentIds'
		});
		await archiveSegment(s.office, segmentId, true);
		expect(await inputErrorOf(() => editSurvey(manager, surveyId, settings([segmentId])))).toMatchObject({ field: 'segmentIds' });
	});
});
