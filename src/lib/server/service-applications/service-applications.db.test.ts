// Service applications (服務申請): applied for from the dictionary's kinds, decided by the kind's
// department, billed through the ledger when the kind has a fee, and filed in the unit's file.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { archiveEntries, billLines, bills, events, ledgerEntries, serviceApplicationKinds } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import * as fx from '../property/testing/fixtures.ts';
import { ensureDefaultCalendar } from '../calendar/store.ts';
import { ensureDefaultFeeItems } from '../fees/defaults.ts';
import { ensureDefaultServiceKinds } from '../dictionaries/service-kind-defaults.ts';
import { kindFields, saveServiceApplicationKind, setServiceApplicationKindActive } from '../dictionaries/service-application-kinds.ts';
import { InputError } from '../kernel/input-error.ts';
import { DEFAULT_TIME_ZONE, localInstant } from '#lib/time/index.ts';
import { approveApplication, completeApplication, rejectApplication, submitApplication, withdrawApplication } from './service.ts';
import { applicationDetail, applicationQueue, listMyApplications } from './queries.ts';

let estateId: string;
let unitId: string;
let otherUnitId: string;
let resident: Actor;
let neighbour: Actor;
let engineer: Actor;
let guard: Actor;
let manager: Actor;
let admin: Actor;
let aircon: typeof serviceApplicationKinds.$inferSelect;

/** A Monday morning in the estate; the wanted dates are counted from it. */
const now = localInstant('2026-12-07', 10 * 60, DEFAULT_TIME_ZONE);
const airconAnswers = { date: '2026-12-12', from: '19:00', to: '22:00', hours: '3', area: '12/F east wing' };

async function refusal(promise: Promise<unknown>): Promise<InputError> {
	const err = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(InputError);
	return err as InputError;
}

async function status(promise: Promise<unknown>): Promise<number | undefined> {
	const err = await promise.then(
		() => null,
		(e: unknown) => e as { status?: number }
	);
	return err?.status;
}

beforeAll(async () => {
	await ensureDefaultCalendar(db());
	await ensureDefaultFeeItems(db());
	await ensureDefaultServiceKinds(db());
	aircon = (await db().select().from(serviceApplicationKinds).where(eq(serviceApplicationKinds.code, 'after_hours_aircon')))[0]!;
	estateId = (await fx.estate()).id;
	const [unit, other] = await fx.unitsIn(await fx.building(estateId, 'A'), 2, 'office');
	unitId = unit!.id;
	otherUnitId = other!.id;
	const r = await fx.residentUser('Chan Tai Man');
	await fx.occupy(unitId, { userId: r.id });
	resident = await fx.actorOf(r.id);
	const n = await fx.residentUser('Lee Siu Ming');
	await fx.occupy(otherUnitId, { userId: n.id });
	neighbour = await fx.actorOf(n.id);
	engineer = await fx.staffActor(['engineering'], [estateId]);
	guard = await fx.staffActor(['security'], [estateId]);
	manager = await fx.staffActor(['manager'], [estateId]);
	admin = await fx.staffActor(['admin']);
});

describe('after-hours air-conditioning (客戶加班空調)', () => {
	it('is requested, approved, billed at hours × the hourly price on the unit account, and filed', async () => {
		const { id } = await submitApplication(resident, { unitId, kindId: aircon.id, answers: airconAnswers }, now);

		const [filed] = await db().select().from(archiveEntries).where(eq(archiveEntries.sourceId, id));
		expect(filed).toMatchObject({ unitId, kind: 'service_application', sourceType: 'service_application' });
		expect(filed!.occupancyId).not.toBeNull();

		const queue = await applicationQueue(engineer, {});
		expect(queue.map((a) => a.id)).toContain(id);
		const before = await applicationDetail(engineer, id);
		expect(before.actions).toEqual(['approve', 'reject']);
		expect(before.fee).toMatchObject({ quantity: '3', amountMinor: 3 * 25_000 });

		await approveApplication(engineer, id, { note: '' });

		const [bill] = await db().select().from(bills).where(eq(bills.sourceId, id));
		expect(bill).toMatchObject({ unitId, totalMinor: 75_000, state: 'open', occupancyId: filed!.occupancyId });
		const lines = await db().select().from(billLines).where(eq(billLines.billId, bill!.id));
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({ quantity: '3.00', priceMicro: 25_000 * 10_000, amountMinor: 75_000, feeItemId: aircon.feeItemId });
		const charges = await db()
			.select()
			.from(ledgerEntries)
			.where(and(eq(ledgerEntries.billId, bill!.id), eq(ledgerEntries.kind, 'charge')));
		expect(charges).toHaveLength(1);
		expect(charges[0]).toMatchObject({ unitId, amountMinor: 75_000 });

		const approved = await applicationDetail(resident, id);
		expect(approved.state).toBe('approved');
		expect(approved.bill).toMatchObject({ id: bill!.id, totalMinor: 75_000 });

		await completeApplication(engineer, id, {});
		const done = await applicationDetail(resident, id);
		expect(done.state).toBe('done');
		expect(done.timeline.map((e) => e.kind)).toEqual(['submitted', 'approve', 'complete']);
	});

	it('rejected with a reason issues no bill', async () => {
		const { id } = await submitApplication(resident, { unitId, kindId: aircon.id, answers: airconAnswers }, now);
		const noReason = await refusal(rejectApplication(engineer, id, { note: ' ' }));
		expect(noReason.field).toBe('note');
		await rejectApplication(engineer, id, { note: 'The chillers are serviced that night.' });
		expect(await db().select().from(bills).where(eq(bills.sourceId, id))).toHaveLength(0);
		const detail = await applicationDetail(resident, id);
		expect(detail).toMatchObject({ state: 'rejected', decisionNote: 'The chillers are serviced that night.', bill: null });
		expect(detail.actions).toEqual([]);
	});

	it('refuses a date inside the lead time at the date field', async () => {
		const err = await refusal(
			submitApplication(resident, { unitId, kindId: aircon.id, answers: { ...airconAnswers, date: '2026-12-07', from: '11:00' } }, now)
		);
		expect(err.field).toBe('f_date');
		expect(err.message).toContain('4');
	});

	it('refuses a missing required field at that field', async () => {
		const { area: _area, ...withoutArea } = airconAnswers;
		const err = await refusal(submitApplication(resident, { unitId, kindId: aircon.id, answers: withoutArea }, now));
		expect(err.field).toBe('f_area');
		const badHours = await refusal(
			submitApplication(resident, { unitId, kindId: aircon.id, answers: { ...airconAnswers, hours: 'three' } }, now)
		);
		expect(badHours.field).toBe('f_hours');
	});

	it('is withdrawn by the resident while it waits, and not after', async () => {
		const { id } = await submitApplication(resident, { unitId, kindId: aircon.id, answers: airconAnswers }, now);
		await withdrawApplication(resident, id);
		expect((await applicationDetail(resident, id)).state).toBe('withdrawn');
		await refusal(withdrawApplication(resident, id));
	});
});

describe('who sees and decides', () => {
	it("answers 404 to another unit's resident and to a department that does not approve the kind", async () => {
		const { id } = await submitApplication(resident, { unitId, kindId: aircon.id, answers: airconAnswers }, now);
		expect(await status(applicationDetail(neighbour, id))).toBe(404);
		expect(await status(withdrawApplication(neighbour, id))).toBe(404);
		expect((await listMyApplications(neighbour)).map((a) => a.id)).not.toContain(id);
		// Air-conditioning is engineering's: security neither sees nor decides it.
		expect(await status(applicationDetail(guard, id))).toBe(404);
		expect(await status(approveApplication(guard, id, {}))).toBe(404);
		expect((await applicationQueue(guard, {})).map((a) => a.id)).not.toContain(id);
		// An admin sees it but does not decide; the resident cannot approve its own.
		expect((await applicationDetail(admin, id)).actions).toEqual([]);
		expect(await status(approveApplication(admin, id, {}))).toBe(403);
		expect(await status(approveApplication(resident, id, {}))).toBe(403);
		// A manager decides for every department.
		await approveApplication(manager, id, {});
		expect((await applicationDetail(resident, id)).state).toBe('approved');
	});

	it("refuses an application from a unit that is not the resident's", async () => {
		const err = await refusal(submitApplication(neighbour, { unitId, kindId: aircon.id, answers: airconAnswers }, now));
		expect(err.field).toBe('unitId');
	});
});

describe('the kinds dictionary', () => {
	it('takes a new field, which new applications must then answer', async () => {
		const kind = (await db().select().from(serviceApplicationKinds).where(eq(serviceApplicationKinds.code, 'directory_signage')))[0]!;
		const fields = kindFields(kind);
		await saveServiceApplicationKind(admin, {
			...kind,
			feeItemId: kind.feeItemId ?? '',
			feeQuantityField: kind.feeQuantityField ?? '',
			fields: [
				...fields,
				{ key: 'floor', type: 'number', labelEn: 'Floor', labelZhHans: '楼层', labelZhHant: '樓層', required: true, options: [] }
			]
		});
		const saved = (await db().select().from(serviceApplicationKinds).where(eq(serviceApplicationKinds.id, kind.id)))[0]!;
		expect(kindFields(saved).map((f) => f.key)).toEqual(['text_en', 'text_zh', 'floor']);
		const err = await refusal(submitApplication(resident, { unitId, kindId: kind.id, answers: { text_en: 'Chan & Co.' } }, now));
		expect(err.field).toBe('f_floor');
		const { id } = await submitApplication(resident, { unitId, kindId: kind.id, answers: { text_en: 'Chan & Co.', floor: '12' } }, now);
		expect((await applicationDetail(resident, id)).answers).toEqual({ text_en: 'Chan & Co.', floor: '12' });
		const audit = await db().select().from(events).where(eq(events.subjectId, id));
		expect(audit.map((e) => e.kind)).toEqual(['submitted']);
	});

	it('refuses a per-unit fee without a required number field to count', async () => {
		const err = await refusal(
			saveServiceApplicationKind(admin, {
				code: 'locker',
				nameEn: 'Locker',
				nameZhHans: '储物柜',
				nameZhHant: '儲物櫃',
				fields: [],
				feeItemId: aircon.feeItemId,
				feeBasis: 'per_unit',
				feeQuantityField: 'months',
				department: 'customer_service'
			})
		);
		expect(err.field).toBe('feeQuantityField');
	});

	it('retires a kind: no new applications, the old ones still show', async () => {
		const { id } = await submitApplication(resident, { unitId, kindId: aircon.id, answers: airconAnswers }, now);
		await setServiceApplicationKindActive(admin, aircon.id, false);
		const err = await refusal(submitApplication(resident, { unitId, kindId: aircon.id, answers: airconAnswers }, now));
		expect(err.field).toBe('kindId');
		const old = await applicationDetail(resident, id);
		expect(old).toMatchObject({ state: 'submitted', answers: { hours: '3' } });
		expect(old.fields.map((f) => f.key)).toContain('hours');
		await setServiceApplicationKindActive(admin, aircon.id, true);
	});
});
