import { describe, expect, it } from 'vitest';
import { inputErrorOf, statusOf } from '../../../../tests/request-event.ts';
import { and, eq } from 'drizzle-orm';
import { businessToday, DEFAULT_TIME_ZONE, addDays } from '#lib/time/index.ts';
import { db } from '../db/client.ts';
import { archiveEntries, events, goodsReleaseSlips } from '../db/schema/index.ts';
import { StaleStateError } from '../kernel/input-error.ts';
import { actorOf, building, estate, occupy, residentUser, staffActor, unitsIn } from '../property/testing/fixtures.ts';
import { findSlipByNumber, gateSlip, releaseAtGate } from './gate.ts';
import { deskQueue, gateDay, unitSlips } from './queries.ts';
import { issueMoveOutRelease, issueReleaseForUnit, requestRelease } from './requests.ts';
import { cancelRelease, issueRelease, refuseRelease } from './transitions.ts';

const today = () => businessToday({ timeZone: DEFAULT_TIME_ZONE });

async function setUp() {
	const place = await estate();
	const block = await building(place.id, 'A');
	const [unit, other] = await unitsIn(block, 2);
	const person = await residentUser('Mei Lin');
	const occupancy = await occupy(unit!.id, { userId: person.id });
	const neighbour = await residentUser('Neighbour');
	await occupy(other!.id, { userId: neighbour.id });
	const elsewhere = await estate();
	return {
		place,
		unit: unit!,
		occupancy,
		resident: await actorOf(person.id),
		neighbour: await actorOf(neighbour.id),
		desk: await staffActor(['customer_service'], [place.id]),
		guard: await staffActor(['security'], [place.id]),
		secondGuard: await staffActor(['security'], [place.id]),
		otherGuard: await staffActor(['security'], [elsewhere.id])
	};
}

const request = (validOn = today()) => ({
	validOn,
	items: 'Sofa\nChairs x 4',
	vehiclePlate: 'ab 1234',
	carrier: 'Swift Movers'
});

async function tokenOf(id: string) {
	const [row] = await db().select().from(goodsReleaseSlips).where(eq(goodsReleaseSlips.id, id));
	return row!;
}

describe('goods release slips', () => {
	it('goes from the request through the desk to the gate, and the gate releases it once', async () => {
		const s = await setUp();
		const { id, number } = await requestRelease(s.resident, s.unit.id, request());
		expect(number).toMatch(/^G\d{6}$/);
		const slip = await tokenOf(id);
		expect(slip.items).toEqual([
			{ description: 'Sofa', quantity: 1 },
			{ description: 'Chairs', quantity: 4 }
		]);
		expect(slip.vehiclePlate).toBe('AB 1234');
		// Not issued yet: the gate refuses it, in words.
		expect((await gateSlip(s.guard, slip.token)).refusal).toMatch(/not issued/);
		expect((await deskQueue(s.desk)).requested.map((r) => r.id)).toContain(id);

		await issueRelease(s.desk, id);
		const mine = await unitSlips(s.resident, s.unit.id);
		expect(mine[0]).toMatchObject({ id, status: 'issued', token: slip.token });
		expect((await gateDay(s.guard)).toCheck.map((r) => r.id)).toEqual([id]);
		expect(await findSlipByNumber(s.guard, number.toLowerCase())).toBe(slip.token);

		const released = await releaseAtGate(s.guard, slip.token, { note: 'Two boxes more than listed, let through' });
		expect(released.status).toBe('released');
		const second = await inputErrorOf(() => releaseAtGate(s.secondGuard, slip.token, {}));
		expect(second).toBeInstanceOf(StaleStateError);
		expect(second.message).toMatch(/^Already released at \d{1,2}:\d{2}.* by Staff security/);
		// Opening it again shows the same refusal, with no button.
		const again = await gateSlip(s.secondGuard, slip.token);
		expect(again.canRelease).toBe(false);
		expect(again.refusal).toMatch(/Already released/);
		const kinds = await db()
			.select({ kind: events.kind })
			.from(events)
			.where(and(eq(events.subjectType, 'goods_release'), eq(events.subjectId, id)));
		expect(kinds.map((k) => k.kind)).toEqual(['requested', 'issued', 'released']);
		expect((await gateDay(s.guard)).released.map((r) => r.id)).toEqual([id]);
		const filed = await db().select().from(archiveEntries).where(eq(archiveEntries.sourceId, id));
		expect(filed).toHaveLength(1);
		expect(filed[0]).toMatchObject({ kind: 'goods_release', occupancyId: s.occupancy.id });
	});

	it('refuses a slip whose day has passed, with the date, and one whose day has not come', async () => {
		const s = await setUp();
		const { id } = await requestRelease(s.resident, s.unit.id, request());
		await issueRelease(s.desk, id);
		const { token } = await tokenOf(id);
		const tomorrow = new Date(Date.now() + 36 * 3_600_000);
		const expired = await inputErrorOf(() => releaseAtGate(s.guard, token, {}, tomorrow));
		expect(expired.message).toMatch(/expired/);
		expect(expired.message).toContain(String(Number(today().slice(8))));
		const later = await requestRelease(s.resident, s.unit.id, request(addDays(today(), 2)));
		await issueRelease(s.desk, later.id);
		const early = await inputErrorOf(async () => releaseAtGate(s.guard, (await tokenOf(later.id)).token, {}));
		expect(early.message).toMatch(/cannot be used before/);
	});

	it('refuses a request for a day already past, and a request without items', async () => {
		const s = await setUp();
		expect((await inputErrorOf(() => requestRelease(s.resident, s.unit.id, request(addDays(today(), -1))))).field).toBe('validOn');
		expect((await inputErrorOf(() => requestRelease(s.resident, s.unit.id, { ...request(), items: ' \n ' }))).field).toBe('items');
	});

	it('answers 404 for an unknown or malformed code and null for an unknown number', async () => {
		const s = await setUp();
		expect(await statusOf(() => gateSlip(s.guard, 'abcdefghijkmnpqrstuv'))).toBe(404);
		expect(await statusOf(() => gateSlip(s.guard, "'; drop table x; --"))).toBe(404);
		expect(await statusOf(() => releaseAtGate(s.guard, 'abcdefghijkmnpqrstuv', {}))).toBe(404);
		expect(await findSlipByNumber(s.guard, 'G999999')).toBeNull();
		expect(await findSlipByNumber(s.guard, 'not a number')).toBeNull();
	});

	it('hides a slip from a guard of another estate, the desk of none and another unit’s resident', async () => {
		const s = await setUp();
		const { id, number } = await requestRelease(s.resident, s.unit.id, request());
		await issueRelease(s.desk, id);
		const { token } = await tokenOf(id);
		expect(await statusOf(() => gateSlip(s.otherGuard, token))).toBe(404);
		expect(await statusOf(() => releaseAtGate(s.otherGuard, token, {}))).toBe(404);
		expect(await findSlipByNumber(s.otherGuard, number)).toBeNull();
		expect(await statusOf(() => gateSlip(s.desk, token))).toBe(403);
		expect(await statusOf(() => unitSlips(s.neighbour, s.unit.id))).toBe(404);
		expect(await statusOf(() => cancelRelease(s.neighbour, id))).toBe(404);
		expect(await statusOf(() => requestRelease(s.neighbour, s.unit.id, request()))).toBe(404);
		expect(await statusOf(() => issueRelease(s.guard, id))).toBe(403);
		expect((await tokenOf(id)).state).toBe('issued');
	});

	it('lets the desk refuse with a reason and the resident cancel its own', async () => {
		const s = await setUp();
		const first = await requestRelease(s.resident, s.unit.id, request());
		await refuseRelease(s.desk, first.id, { reason: 'Unpaid management fees: come to the office' });
		const second = await requestRelease(s.resident, s.unit.id, request());
		await cancelRelease(s.resident, second.id);
		const mine = await unitSlips(s.resident, s.unit.id);
		expect(mine.find((r) => r.id === first.id)).toMatchObject({
			status: 'refused',
			reason: 'Unpaid management fees: come to the office',
			token: null
		});
		expect(mine.find((r) => r.id === second.id)).toMatchObject({ status: 'cancelled' });
		expect((await gateSlip(s.guard, (await tokenOf(first.id)).token)).refusal).toMatch(/refused/);
	});

	it('issues a slip for a unit at the desk, for whoever lives there', async () => {
		const s = await setUp();
		const { id } = await issueReleaseForUnit(s.desk, s.unit.id, request());
		expect(await tokenOf(id)).toMatchObject({ state: 'issued', source: 'desk', occupancyId: s.occupancy.id, issuedBy: s.desk.userId });
		expect(await statusOf(() => issueReleaseForUnit(s.otherGuard, s.unit.id, request()))).toBe(403);
	});

	it('issues the move-out slip at once, filed in the unit’s file, once per move-out', async () => {
		const s = await setUp();
		const moveOutId = crypto.randomUUID();
		const made = await db().transaction((tx) =>
			issueMoveOutRelease(tx, {
				unitId: s.unit.id,
				occupancyId: s.occupancy.id,
				date: today(),
				moveOutId,
				actor: { userId: s.desk.userId }
			})
		);
		expect(made.number).toMatch(/^G\d{6}$/);
		const slip = await tokenOf(made.id);
		expect(slip).toMatchObject({ state: 'issued', source: 'move_out', moveOutId, items: [], issuedBy: s.desk.userId });
		const filed = await db().select().from(archiveEntries).where(eq(archiveEntries.sourceId, made.id));
		expect(filed).toMatchObject([{ kind: 'goods_release', sourceType: 'goods_release', unitId: s.unit.id }]);
		expect((await gateSlip(s.guard, slip.token)).canRelease).toBe(true);
		await expect(
			db().transaction((tx) =>
				issueMoveOutRelease(tx, { unitId: s.unit.id, occupancyId: s.occupancy.id, date: today(), moveOutId, actor: null })
			)
		).rejects.toThrow();
	});

	it('releases once when two guards release at the same moment', async () => {
		const s = await setUp();
		const { id } = await issueReleaseForUnit(s.desk, s.unit.id, request());
		const { token } = await tokenOf(id);
		const results = await Promise.allSettled([releaseAtGate(s.guard, token, {}), releaseAtGate(s.secondGuard, token, {})]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toBeInstanceOf(StaleStateError);
		expect((refused.reason as Error).message).toMatch(/Already released/);
		const released = await db()
			.select()
			.from(events)
			.where(and(eq(events.subjectId, id), eq(events.kind, 'released')));
		expect(released).toHaveLength(1);
	});
});
