import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db/client.ts';
import { callbackEvaluations, rectificationNotices, repairCallbacks, repairRatings } from '../db/schema/index.ts';
import { makeStaff } from '../residents/test-fixtures.ts';
import { thrown } from '../../../../tests/request-event.ts';
import {
	actorFor,
	DAY,
	HOUR,
	makeCallbackEstate,
	makeKind,
	makeOrder,
	type CallbackEstate,
	type OrderFacts
} from '../callbacks/testing.ts';
import { repairReport, reportScope, type RepairReport } from './repair-kpis.ts';

/**
 * A hand-made September 2026 (Hong Kong time) with every number worked out by hand below.
 * Orders in scope (created 1–30 September local time in estate A):
 *   O0  other  created 1 Sep 00:30 HKT (31 Aug 16:30Z), never answered          → open
 *   O1  leak   response 30 min (due 1 h), work 4 h (due 24 h), done, not reopened, rated 5/4/5
 *   O2  leak   response 2 h (late), work 30 h (late), done, reopened once, rated 3/2/4
 *   O3  other  response exactly at 1 h (on time), in progress, completion overdue
 *   O4  other  never answered, overdue on both
 *   O5  other  cancelled unanswered: measured by neither SLA
 *   O6  other  response 10 min, work 2 h, awaiting sign-off
 * Out of scope: one at 31 Aug 23:00 HKT, one at 1 Oct 00:30 HKT, one in estate B.
 */
const now = new Date('2026-10-15T00:00:00Z');
const t0 = new Date('2026-09-10T01:00:00Z');
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
let A: CallbackEstate;
let B: CallbackEstate;
let report: RepairReport;

beforeAll(async () => {
	A = await makeCallbackEstate('Stats A');
	B = await makeCallbackEstate('Stats B');
	const leak = await makeKind({ leak: true }, 'stats_leak');
	const other = await makeKind({}, 'stats_other');
	const order = (created: Date, kindId: string, facts: Partial<OrderFacts>, place = A) =>
		makeOrder(place, { kindId, createdAt: created, responseDueAt: at(created, HOUR), completionDueAt: at(created, DAY), ...facts });

	const o0 = new Date('2026-08-31T16:30:00Z');
	await order(o0, other.id, { state: 'received' });
	const o1 = await order(t0, leak.id, { state: 'done', firstResponseAt: at(t0, 30 * 60_000), workDoneAt: at(t0, 4 * HOUR) });
	const t2 = at(t0, DAY);
	const o2 = await order(t2, leak.id, { state: 'done', firstResponseAt: at(t2, 2 * HOUR), workDoneAt: at(t2, 30 * HOUR), reopenCount: 1 });
	const t3 = at(t0, 2 * DAY);
	await order(t3, other.id, { state: 'in_progress', firstResponseAt: at(t3, HOUR) });
	await order(at(t0, 3 * DAY), other.id, { state: 'received' });
	await order(at(t0, 4 * DAY), other.id, { state: 'cancelled' });
	const t6 = at(t0, 5 * DAY);
	await order(t6, other.id, { state: 'awaiting_signoff', firstResponseAt: at(t6, 10 * 60_000), workDoneAt: at(t6, 2 * HOUR) });
	// Outside the month or the estate.
	await order(new Date('2026-08-31T15:00:00Z'), other.id, {
		state: 'done',
		firstResponseAt: new Date('2026-08-31T15:01:00Z'),
		workDoneAt: new Date('2026-08-31T15:02:00Z')
	});
	await order(new Date('2026-09-30T16:30:00Z'), other.id, { state: 'received' });
	await order(t0, other.id, { state: 'done', firstResponseAt: at(t0, 60_000), workDoneAt: at(t0, 120_000) }, B);

	await db()
		.insert(repairRatings)
		.values([
			{ repairId: o1.id, overall: 5, speed: 4, technician: 5, ratedBy: A.resident.id },
			{ repairId: o2.id, overall: 3, speed: 2, technician: 4, ratedBy: A.resident.id }
		]);

	// Callbacks: each needs a repair of its own (one callback per repair).
	const spare = async (place = A) => (await order(new Date('2026-08-01T02:00:00Z'), other.id, { state: 'done' }, place)).id;
	const callback = async (
		values: Partial<typeof repairCallbacks.$inferInsert> &
			Pick<typeof repairCallbacks.$inferInsert, 'assigneeRole' | 'createdAt' | 'dueAt'>,
		place = A
	) => {
		const [row] = await db()
			.insert(repairCallbacks)
			.values({ repairId: await spare(place), estateId: place.estate.id, rule: 'default', ...values })
			.returning();
		return row!;
	};
	const d = (iso: string) => new Date(iso);
	const c1 = await callback({
		assigneeRole: 'engineering_supervisor',
		createdAt: d('2026-09-12T02:00:00Z'),
		dueAt: d('2026-09-14T02:00:00Z'),
		state: 'done',
		doneAt: d('2026-09-13T02:00:00Z'),
		problemFound: false,
		serviceRating: 5
	});
	const c2 = await callback({
		assigneeRole: 'engineering_supervisor',
		createdAt: d('2026-09-12T03:00:00Z'),
		dueAt: d('2026-09-15T02:00:00Z'),
		state: 'done',
		doneAt: d('2026-09-16T02:00:00Z'),
		problemFound: true,
		serviceRating: 2
	});
	const c3 = await callback({ assigneeRole: 'customer_service', createdAt: d('2026-09-13T02:00:00Z'), dueAt: d('2026-09-20T02:00:00Z') });
	const c4 = await callback({
		assigneeRole: 'manager',
		createdAt: d('2026-09-13T03:00:00Z'),
		dueAt: d('2026-09-20T02:00:00Z'),
		state: 'done',
		doneAt: d('2026-09-19T02:00:00Z'),
		problemFound: false,
		serviceRating: 4
	});
	await callback({ assigneeRole: 'customer_service', createdAt: d('2026-09-29T02:00:00Z'), dueAt: d('2026-10-20T02:00:00Z') });
	await callback({ assigneeRole: 'customer_service', createdAt: d('2026-10-02T02:00:00Z'), dueAt: d('2026-10-05T02:00:00Z') });
	await callback({ assigneeRole: 'customer_service', createdAt: d('2026-09-12T02:00:00Z'), dueAt: d('2026-09-14T02:00:00Z') }, B);

	const issuer = A.staff.engineering_supervisor!.id;
	await db()
		.insert(rectificationNotices)
		.values([
			{
				repairId: c2.repairId,
				callbackId: c2.id,
				technicianId: A.technician.id,
				issue: 'a',
				issuedBy: issuer,
				createdAt: d('2026-09-16T02:00:00Z'),
				dueAt: d('2026-09-17T02:00:00Z'),
				state: 'resolved',
				resolvedAt: d('2026-09-16T05:00:00Z'),
				resolution: 'fixed'
			},
			{
				repairId: c2.repairId,
				callbackId: c2.id,
				technicianId: A.technician.id,
				issue: 'b',
				issuedBy: issuer,
				createdAt: d('2026-09-16T03:00:00Z'),
				dueAt: d('2026-09-17T03:00:00Z')
			},
			{
				repairId: c2.repairId,
				callbackId: c2.id,
				technicianId: A.technician.id,
				issue: 'c',
				issuedBy: issuer,
				createdAt: d('2026-10-02T03:00:00Z'),
				dueAt: d('2026-10-03T03:00:00Z')
			}
		]);
	await db()
		.insert(callbackEvaluations)
		.values([
			{ callbackId: c1.id, workOk: true, serviceRating: 5, chargesOk: true, signedName: 'x', submittedAt: d('2026-09-13T05:00:00Z') },
			{ callbackId: c3.id, workOk: false, serviceRating: 2, chargesOk: true, signedName: 'x', submittedAt: d('2026-09-21T05:00:00Z') },
			// 1 October 08:00 in Hong Kong: October's.
			{ callbackId: c4.id, workOk: true, serviceRating: 1, chargesOk: false, signedName: 'x', submittedAt: d('2026-10-01T00:00:00Z') }
		]);

	const manager = await actorFor(A.staff.manager!.id);
	report = await repairReport(manager, { estate: A.estate.id, month: '2026-09' }, { now });
});

describe('repair KPIs of a month', () => {
	it('counts the orders created in the month in the estate, by state', () => {
		expect(report.scope.from.toISOString()).toBe('2026-08-31T16:00:00.000Z');
		expect(report.scope.to.toISOString()).toBe('2026-09-30T16:00:00.000Z');
		expect(report.kpis).toMatchObject({ orders: 7, open: 4, done: 2, cancelled: 1 });
	});

	it('gives the median and average time to first response and to completion', () => {
		// Responses: 10 min, 30 min, 1 h, 2 h → median (30 min + 1 h) / 2, average 55 min.
		expect(report.kpis.firstResponse).toEqual({ count: 4, medianSeconds: 2700, averageSeconds: 3300 });
		// Work done: 2 h, 4 h, 30 h → median 4 h, average 12 h.
		expect(report.kpis.completion).toEqual({ count: 3, medianSeconds: 4 * 3600, averageSeconds: 12 * 3600 });
	});

	it('measures SLA compliance on answered orders and on unanswered ones past the deadline, cancelled ones aside', () => {
		expect(report.kpis.responseSla).toEqual({ of: 6, met: 3, rate: 0.5 });
		expect(report.kpis.completionSla).toEqual({ of: 6, met: 2, rate: 2 / 6 });
	});

	it('gives the first-time fix rate and the residents’ average ratings', () => {
		expect(report.kpis.firstTimeFix).toEqual({ of: 2, met: 1, rate: 0.5 });
		expect(report.kpis.satisfaction).toEqual({ count: 2, overall: 4, speed: 3, technician: 4.5 });
	});

	it('gives the volume by kind, largest first', () => {
		expect(report.kpis.byKind.map((k) => [k.code, k.orders, k.done])).toEqual([
			['stats_other', 5, 0],
			['stats_leak', 2, 2]
		]);
	});
});

describe('callback statistics of a month', () => {
	it('counts the month’s callbacks: done, on time, late, overdue, not yet due, problems', () => {
		const c = report.callbacks;
		expect(c).toMatchObject({ total: 5, done: 3, onTime: 2, late: 1, overdue: 1, pending: 1, problems: 1 });
		expect(c.serviceAverage).toBeCloseTo(11 / 3, 10);
	});

	it('gives the shares by role against the floors, per estate', () => {
		const roles = Object.fromEntries(report.callbacks.roles.map((r) => [r.role, r]));
		// Of 5: the director needs 0.5 → 0 whole, the administrator 1.5 → 1, the repair lead 3.
		expect(roles.manager).toMatchObject({ count: 1, share: 0.2, belowFloor: false });
		expect(roles.customer_service).toMatchObject({ count: 2, share: 0.4, belowFloor: false });
		expect(roles.engineering_supervisor).toMatchObject({ count: 2, share: 0.4, belowFloor: true });
		expect(report.callbacks.estates).toHaveLength(1);
		expect(report.callbacks.estates[0]!.total).toBe(5);
	});

	it('counts rectification notices issued in the month and how they were resolved', () => {
		expect(report.callbacks.rectifications).toEqual({ issued: 2, resolved: 1, resolvedOnTime: 1, open: 1, openOverdue: 1 });
	});

	it('averages the residents’ evaluations submitted in the month', () => {
		expect(report.callbacks.evaluations).toEqual({ count: 2, serviceAverage: 3.5, workOk: 1, chargesOk: 2 });
	});
});

describe('statistics scope', () => {
	it('adds up every estate of the actor when no estate is chosen', async () => {
		const both = await makeStaff('Both estates', ['manager'], [A.estate.id, B.estate.id]);
		const all = await repairReport(await actorFor(both.id), { month: '2026-09' }, { now });
		expect(all.scope.estateId).toBe('');
		expect(all.kpis.orders).toBe(8);
		expect(all.callbacks.total).toBe(6);
		expect(all.callbacks.estates.map((e) => e.total)).toEqual(expect.arrayContaining([5, 1]));
	});

	it('refuses an estate that is not the actor’s (404), and people without repairs.stats (403)', async () => {
		const manager = await actorFor(A.staff.manager!.id);
		expect((await thrown(() => reportScope(manager, { estate: B.estate.id }))).status).toBe(404);
		expect((await thrown(() => reportScope(manager, { estate: "1' or '1'='1" }))).status).toBe(404);
		expect((await thrown(async () => reportScope(await actorFor(A.technician.id), {}))).status).toBe(403);
		expect((await thrown(async () => reportScope(await actorFor(A.resident.id), {}))).status).toBe(403);
		expect((await thrown(() => reportScope(null, {}))).status).toBe(401);
	});

	it('defaults to the current month in Hong Kong and ignores a malformed month', async () => {
		const manager = await actorFor(A.staff.manager!.id);
		// 31 Oct 17:00Z is already 1 November in Hong Kong.
		expect((await reportScope(manager, {}, { now: new Date('2026-10-31T17:00:00Z') })).month).toBe('2026-11');
		expect((await reportScope(manager, { month: '2026-13' }, { now })).month).toBe('2026-10');
		expect((await reportScope(manager, { month: "2026-09'; --" }, { now })).month).toBe('2026-10');
	});
});
