import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { localDateTimeValue } from '#lib/time/index.ts';
import { db } from '../db/client.ts';
import {
	events,
	jobs,
	notifications,
	occupancies,
	rectificationNotices,
	repairCallbacks,
	repairOrders,
	repairQuotes,
	repairSignoffSettings
} from '../db/schema/index.ts';
import { ensureDefaultCalendar } from '../calendar/store.ts';
import { InputError } from '../kernel/input-error.ts';
import { assignRepair, promiseReply } from '../repairs/desk.ts';
import { repairReference } from '../repairs/notices.ts';
import { rejectCompletion } from '../repairs/resident.ts';
import { completeCallback, listRectifications } from '../callbacks/service.ts';
import { submitEvaluation } from '../callbacks/evaluation.ts';
import { callbackSharesThisMonth } from '../callbacks/queries.ts';
import {
	actorFor,
	completedRepair,
	DAY,
	HOUR,
	makeCallbackEstate,
	makeKind,
	makeOrder,
	type CallbackEstate
} from '../callbacks/testing.ts';
import { loadSignoffSettings, saveSignoffSettings } from '../dictionaries/signoff-settings.ts';
import { waitingForMe } from '../staff-home/home.ts';
import { ensureDeadlineSweepScheduled, runDeadlineSweepJob, sweepEstateDeadlines } from './sweep.ts';
import { myOverdue, overdueInEstates } from './queries.ts';

// Monday 18 January 2027, 10:00 in Hong Kong: inside the office's hours, so the owner's two
// working hours of grace end at 12:00 the same day.
const t0 = new Date('2027-01-18T02:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const MINUTE = 60_000;
/** Past the owner's grace: two working hours and a little. */
const AFTER_GRACE = 2 * HOUR + MINUTE;

beforeAll(async () => {
	await ensureDefaultCalendar(db());
});

const sweep = (place: CallbackEstate, now: Date) => sweepEstateDeadlines(db(), place.estate.id, now);

const inbox = (userId: string, kind: string) =>
	db()
		.select()
		.from(notifications)
		.where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));

const repairEvents = async (repairId: string, kind: string) =>
	db()
		.select()
		.from(events)
		.where(and(eq(events.subjectType, 'repair'), eq(events.subjectId, repairId), eq(events.kind, kind)));

/** The owner's and the managers' notices of a kind of deadline, by how many each has. */
async function told(kind: string, owner: string, managers: readonly string[]) {
	return {
		owner: (await inbox(owner, `deadline.${kind}.owner`)).length,
		managers: await Promise.all(managers.map(async (id) => (await inbox(id, `deadline.${kind}.manager`)).length))
	};
}

/** Sweeps twice at each moment: the second run finds nothing left to tell. */
async function sweepTwice(place: CallbackEstate, now: Date) {
	const first = await sweep(place, now);
	const second = await sweep(place, new Date(now.getTime() + MINUTE));
	expect(second).toEqual({ owner: 0, manager: 0, closed: 0 });
	return first;
}

describe('the deadline sweep: the owner first, then the managers, once each', () => {
	it('tells about a callback overdue since October: its assignee at once, the managers after the grace', async () => {
		const place = await makeCallbackEstate();
		const desk = place.staff.customer_service!;
		const manager = place.staff.manager!;
		// Signed off on 1 October: its callback was due on the 8th, and nobody was ever told.
		const { order, callback } = await completedRepair(place, (await makeKind()).id, new Date('2026-10-01T02:00:00Z'));
		await db()
			.update(repairCallbacks)
			.set({ assigneeId: desk.id, assigneeRole: 'customer_service' })
			.where(eq(repairCallbacks.id, callback.id));

		expect(await sweepTwice(place, t0)).toEqual({ owner: 1, manager: 0, closed: 0 });
		expect(await told('callback', desk.id, [manager.id])).toEqual({ owner: 1, managers: [0] });
		const [notice] = await inbox(desk.id, 'deadline.callback.owner');
		expect(notice!.link).toBe(`/staff/callbacks/${callback.id}`);
		expect(notice!.title).toContain(repairReference(order));

		// Within the grace, still nothing for the managers.
		expect(await sweepTwice(place, at(HOUR))).toEqual({ owner: 0, manager: 0, closed: 0 });
		expect(await sweepTwice(place, at(AFTER_GRACE))).toEqual({ owner: 0, manager: 1, closed: 0 });
		expect(await told('callback', desk.id, [manager.id])).toEqual({ owner: 1, managers: [1] });
		// Days later, nobody is told again.
		await sweepTwice(place, at(5 * DAY));
		expect(await told('callback', desk.id, [manager.id])).toEqual({ owner: 1, managers: [1] });

		const [row] = await db().select().from(repairCallbacks).where(eq(repairCallbacks.id, callback.id));
		expect(row).toMatchObject({ overdueNotifiedAt: t0, overdueEscalatedAt: at(AFTER_GRACE) });
		expect(await repairEvents(order.id, 'deadline_missed')).toHaveLength(1);
		expect(await repairEvents(order.id, 'deadline_escalated')).toHaveLength(1);
		// An email goes with each inbox notice.
		const deliveries = await db().select().from(jobs).where(eq(jobs.kind, 'notify.deliver'));
		expect(deliveries.some((job) => JSON.stringify(job.payload).includes(desk.id))).toBe(true);
	});

	it('does not tell about a callback done in time, nor one not yet due', async () => {
		const place = await makeCallbackEstate();
		const kind = await makeKind();
		const { callback: done } = await completedRepair(place, kind.id, at(-10 * DAY));
		await db()
			.update(repairCallbacks)
			.set({ state: 'done', doneAt: at(-5 * DAY) })
			.where(eq(repairCallbacks.id, done.id));
		await completedRepair(place, kind.id, at(-DAY));
		expect(await sweepTwice(place, t0)).toEqual({ owner: 0, manager: 0, closed: 0 });
	});

	it('tells about a rectification notice still open after its 24 hours: the technician, then the repair leads and managers', async () => {
		const place = await makeCallbackEstate();
		const desk = place.staff.customer_service!;
		const { order, callback } = await completedRepair(place, (await makeKind()).id, at(-5 * DAY));
		await db()
			.update(repairCallbacks)
			.set({ assigneeId: desk.id, assigneeRole: 'customer_service' })
			.where(eq(repairCallbacks.id, callback.id));
		// The callback found a problem 25 hours ago: the notice was due an hour ago.
		const { noticeId } = await completeCallback(
			await actorFor(desk.id),
			callback.id,
			{
				workOk: 'no',
				serviceRating: '3',
				suggestions: '',
				chargesOk: 'yes',
				residentSignedName: 'Chan Tai Man',
				problemFound: 'yes',
				problemNote: 'The tap still drips.'
			},
			{ now: at(-25 * HOUR) }
		);
		const leadAndManager = [place.staff.engineering_supervisor!.id, place.staff.manager!.id];

		expect(await sweep(place, at(-2 * HOUR))).toEqual({ owner: 0, manager: 0, closed: 0 });
		expect(await sweepTwice(place, t0)).toEqual({ owner: 1, manager: 0, closed: 0 });
		expect(await told('rectification', place.technician.id, leadAndManager)).toEqual({ owner: 1, managers: [0, 0] });
		expect(await sweepTwice(place, at(AFTER_GRACE))).toEqual({ owner: 0, manager: 1, closed: 0 });
		expect(await told('rectification', place.technician.id, leadAndManager)).toEqual({ owner: 1, managers: [1, 1] });

		const [notice] = await db().select().from(rectificationNotices).where(eq(rectificationNotices.id, noticeId!));
		expect(notice).toMatchObject({ overdueNotifiedAt: t0, overdueEscalatedAt: at(AFTER_GRACE) });
		expect((await repairEvents(order.id, 'deadline_missed')).map((e) => e.data.deadline)).toEqual(['rectification']);
	});

	it('tells about a missed promised reply: the desk that promised, then the managers; a new promise starts afresh', async () => {
		const place = await makeCallbackEstate();
		const desk = place.staff.customer_service!;
		const manager = place.staff.manager!;
		const order = await makeOrder(place, {
			kindId: (await makeKind()).id,
			createdAt: at(-3 * HOUR),
			responseDueAt: at(DAY),
			completionDueAt: at(2 * DAY)
		});
		const deskActor = await actorFor(desk.id);
		const promise = (by: Date, now: Date) =>
			promiseReply(deskActor, order.id, { promisedReplyBy: localDateTimeValue(by, place.estate.timeZone) }, { now });
		await promise(at(-HOUR), at(-2 * HOUR));

		expect(await sweep(place, at(-90 * MINUTE))).toEqual({ owner: 0, manager: 0, closed: 0 });
		expect(await sweepTwice(place, t0)).toEqual({ owner: 1, manager: 0, closed: 0 });
		expect(await told('promise', desk.id, [manager.id])).toEqual({ owner: 1, managers: [0] });
		expect(await sweepTwice(place, at(AFTER_GRACE))).toEqual({ owner: 0, manager: 1, closed: 0 });
		expect(await told('promise', desk.id, [manager.id])).toEqual({ owner: 1, managers: [1] });

		// A new promise: its miss is told again, once.
		await promise(at(4 * HOUR), at(3 * HOUR));
		const [renewed] = await db().select().from(repairOrders).where(eq(repairOrders.id, order.id));
		expect(renewed).toMatchObject({ promiseMissedAt: null, promiseEscalatedAt: null });
		expect(await sweepTwice(place, at(5 * HOUR))).toEqual({ owner: 1, manager: 0, closed: 0 });
		expect(await told('promise', desk.id, [manager.id])).toEqual({ owner: 2, managers: [1] });
	});

	it('counts a promise kept when the office replied after making it', async () => {
		const place = await makeCallbackEstate();
		const desk = await actorFor(place.staff.customer_service!.id);
		const order = await makeOrder(place, {
			kindId: (await makeKind()).id,
			createdAt: at(-3 * HOUR),
			responseDueAt: at(DAY),
			completionDueAt: at(2 * DAY)
		});
		await promiseReply(desk, order.id, { promisedReplyBy: localDateTimeValue(at(-HOUR), place.estate.timeZone) }, { now: at(-2 * HOUR) });
		// The reply: the order is given to a technician, which the resident reads on the timeline.
		await assignRepair(desk, order.id, { mode: 'technician', technicianId: place.technician.id, teamId: '', reason: '' });
		expect(await sweepTwice(place, t0)).toEqual({ owner: 0, manager: 0, closed: 0 });
	});

	it('tells the repair leads about a quote waiting four working hours for approval, then the managers', async () => {
		const place = await makeCallbackEstate();
		const lead = place.staff.engineering_supervisor!;
		const manager = place.staff.manager!;
		const order = await makeOrder(place, { kindId: (await makeKind()).id, state: 'in_progress', technicianId: place.technician.id });
		// Friday 17:00 in Hong Kong: one working hour that day, three on Saturday morning — due Saturday 12:00.
		const [quote] = await db()
			.insert(repairQuotes)
			.values({
				repairId: order.id,
				lines: [],
				totalMinor: 30000,
				workMinutes: 60,
				createdBy: place.technician.id,
				createdAt: new Date('2027-01-15T09:00:00Z')
			})
			.returning();
		expect(await sweep(place, new Date('2027-01-16T03:59:00Z'))).toEqual({ owner: 0, manager: 0, closed: 0 });
		expect(await sweepTwice(place, new Date('2027-01-16T04:00:00Z'))).toEqual({ owner: 1, manager: 0, closed: 0 });
		expect(await told('quote', lead.id, [manager.id])).toEqual({ owner: 1, managers: [0] });
		// The grace runs in working time: Saturday closes at 13:00, so it ends Monday 10:00.
		expect(await sweep(place, new Date('2027-01-17T04:00:00Z'))).toEqual({ owner: 0, manager: 0, closed: 0 });
		expect(await sweepTwice(place, new Date('2027-01-18T02:00:00Z'))).toEqual({ owner: 0, manager: 1, closed: 0 });
		expect(await told('quote', lead.id, [manager.id])).toEqual({ owner: 1, managers: [1] });
		const [row] = await db().select().from(repairQuotes).where(eq(repairQuotes.id, quote!.id));
		expect(row!.overdueEscalatedAt).toEqual(new Date('2027-01-18T02:00:00Z'));
	});

	it('tells the managers at once about an overdue callback nobody holds', async () => {
		const place = await makeCallbackEstate();
		const { callback } = await completedRepair(place, (await makeKind()).id, at(-10 * DAY));
		await db().update(repairCallbacks).set({ assigneeId: null }).where(eq(repairCallbacks.id, callback.id));
		expect(await sweepTwice(place, t0)).toEqual({ owner: 1, manager: 0, closed: 0 });
		expect((await inbox(place.staff.manager!.id, 'deadline.callback.owner')).length).toBe(1);
		expect(await sweepTwice(place, at(AFTER_GRACE))).toEqual({ owner: 0, manager: 0, closed: 0 });
	});
});

describe('a repair waiting for the resident’s sign-off', () => {
	async function finished(place: CallbackEstate, workDoneAt: Date) {
		const order = await makeOrder(place, {
			kindId: (await makeKind()).id,
			state: 'awaiting_signoff',
			createdAt: new Date(workDoneAt.getTime() - DAY),
			firstResponseAt: new Date(workDoneAt.getTime() - DAY),
			workDoneAt,
			technicianId: place.technician.id,
			requesterId: place.resident.id
		});
		const [occupancy] = await db().select().from(occupancies).where(eq(occupancies.unitId, place.unit.id));
		await db()
			.update(repairOrders)
			.set({ ownerId: place.staff.customer_service!.id, occupancyId: occupancy!.id })
			.where(eq(repairOrders.id, order.id));
		return order;
	}

	it('reminds the resident and tells the owner after 3 days, the managers after the grace, and closes it after 7 with the event on record', async () => {
		const place = await makeCallbackEstate();
		const desk = place.staff.customer_service!;
		const manager = place.staff.manager!;
		const order = await finished(place, at(-3 * DAY - HOUR));

		expect(await sweep(place, at(-2 * HOUR))).toEqual({ owner: 0, manager: 0, closed: 0 });
		expect(await sweepTwice(place, t0)).toEqual({ owner: 1, manager: 0, closed: 0 });
		expect(await told('signoff', desk.id, [manager.id])).toEqual({ owner: 1, managers: [0] });
		const reminders = await inbox(place.resident.id, 'repair.signoff_reminder');
		expect(reminders).toHaveLength(1);
		expect(reminders[0]!.link).toBe(`/app/repairs/${order.id}`);
		expect(await repairEvents(order.id, 'signoff_reminded')).toHaveLength(1);

		expect(await sweepTwice(place, at(AFTER_GRACE))).toEqual({ owner: 0, manager: 1, closed: 0 });
		expect(await told('signoff', desk.id, [manager.id])).toEqual({ owner: 1, managers: [1] });

		// Six days after the work: not yet closed.
		expect(await sweep(place, at(3 * DAY - 2 * HOUR))).toEqual({ owner: 0, manager: 0, closed: 0 });
		// Seven days after the work — and four after the reminder, which came an hour late: closed by
		// the system, once, through the machine.
		expect(await sweep(place, at(4 * DAY - HOUR))).toEqual({ owner: 0, manager: 0, closed: 0 });
		const closeAt = at(4 * DAY);
		expect(await sweepTwice(place, closeAt)).toEqual({ owner: 0, manager: 0, closed: 1 });
		const [closed] = await db().select().from(repairOrders).where(eq(repairOrders.id, order.id));
		expect(closed).toMatchObject({ state: 'done', signedOffAt: null });
		const autoClosed = await repairEvents(order.id, 'auto_closed');
		expect(autoClosed).toHaveLength(1);
		expect(autoClosed[0]).toMatchObject({ actorId: null, fromState: 'awaiting_signoff', toState: 'done' });
		expect(autoClosed[0]!.data).toMatchObject({ closeAfterDays: 7 });
		// Every completed repair gets its callback, this one too.
		const [callback] = await db().select().from(repairCallbacks).where(eq(repairCallbacks.repairId, order.id));
		expect(callback).toMatchObject({ state: 'open', createdAt: closeAt });
		expect(await inbox(place.resident.id, 'repair.auto_closed')).toHaveLength(1);
	});

	it('reminds first and closes no sooner than the days between reminder and close after it', async () => {
		const place = await makeCallbackEstate();
		const order = await finished(place, at(-20 * DAY));
		expect(await sweepTwice(place, t0)).toEqual({ owner: 1, manager: 0, closed: 0 });
		expect(await sweep(place, at(4 * DAY - MINUTE))).toMatchObject({ closed: 0 });
		expect(await sweep(place, at(4 * DAY))).toMatchObject({ closed: 1 });
		const [closed] = await db().select().from(repairOrders).where(eq(repairOrders.id, order.id));
		expect(closed!.state).toBe('done');
	});

	it('follows the admin’s settings, and refuses a close not after the reminder at its field', async () => {
		const admin = await actorFor((await makeCallbackEstate('Settings', ['manager'])).staff.manager!.id);
		await expect(saveSignoffSettings(admin, { remindAfterDays: 5, closeAfterDays: 5 })).rejects.toSatisfy(
			(err) => err instanceof InputError && err.field === 'closeAfterDays'
		);
		try {
			await saveSignoffSettings(admin, { remindAfterDays: 1, closeAfterDays: 2 });
			expect(await loadSignoffSettings()).toEqual({ remindAfterDays: 1, closeAfterDays: 2 });
			const place = await makeCallbackEstate();
			await finished(place, at(-DAY - HOUR));
			expect(await sweepTwice(place, t0)).toEqual({ owner: 1, manager: 0, closed: 0 });
			expect(await sweepTwice(place, at(DAY))).toMatchObject({ closed: 1 });
		} finally {
			await db().delete(repairSignoffSettings);
		}
	});

	it('starts afresh when the resident rejects the work and it is finished again', async () => {
		const place = await makeCallbackEstate();
		const order = await finished(place, at(-3 * DAY - HOUR));
		await sweep(place, t0);
		await rejectCompletion(await actorFor(place.resident.id), order.id, { reason: 'Still dripping.' });
		const [reopened] = await db().select().from(repairOrders).where(eq(repairOrders.id, order.id));
		expect(reopened).toMatchObject({ state: 'assigned', signoffRemindedAt: null, signoffEscalatedAt: null });
	});
});

describe('a callback evaluation answered "not fixed"', () => {
	it('opens a follow-up at once: a rectification notice for the technician, the repair lead told and seeing it', async () => {
		const place = await makeCallbackEstate();
		const lead = place.staff.engineering_supervisor!;
		const { order, callback } = await completedRepair(place, (await makeKind()).id, at(-2 * DAY));
		const outcome = await submitEvaluation(
			callback.token,
			{ workOk: 'no', serviceRating: '2', chargesOk: 'yes', suggestions: 'It still leaks under the sink.', signedName: 'Chan Tai Man' },
			{ now: t0 }
		);
		expect(outcome).toBe('saved');
		const [notice] = await db().select().from(rectificationNotices).where(eq(rectificationNotices.repairId, order.id));
		expect(notice).toMatchObject({
			callbackId: callback.id,
			technicianId: place.technician.id,
			issuedBy: null,
			issue: 'It still leaks under the sink.',
			state: 'open',
			dueAt: at(24 * HOUR)
		});
		const [told] = await inbox(lead.id, 'rectification.not_fixed');
		expect(told!.link).toBe(`/staff/callbacks/rectifications#notice-${notice!.id}`);
		expect(await inbox(place.technician.id, 'rectification.issued')).toHaveLength(1);
		// The lead sees it on the notices list and must resolve it; its 24 hours are watched by the sweep.
		const list = await listRectifications(await actorFor(lead.id), { state: 'open' });
		expect(list.rows.map((r) => r.id)).toContain(notice!.id);
		expect(list.rows.find((r) => r.id === notice!.id)!.actions).toContain('resolve');
		expect(await sweep(place, at(25 * HOUR))).toMatchObject({ owner: 1 });
	});

	it('opens nothing when the resident says the work is fixed', async () => {
		const place = await makeCallbackEstate();
		const { order, callback } = await completedRepair(place, (await makeKind()).id, at(-2 * DAY));
		await submitEvaluation(
			callback.token,
			{ workOk: 'yes', serviceRating: '5', chargesOk: 'yes', suggestions: '', signedName: 'Chan Tai Man' },
			{ now: t0 }
		);
		expect(await db().select().from(rectificationNotices).where(eq(rectificationNotices.repairId, order.id))).toHaveLength(0);
	});
});

describe('the overdue lists and the manager’s figures', () => {
	it('shows each overdue item on its owner’s home and counts it in the manager’s figures', async () => {
		const place = await makeCallbackEstate();
		const desk = place.staff.customer_service!;
		const { callback } = await completedRepair(place, (await makeKind()).id, at(-10 * DAY));
		await db()
			.update(repairCallbacks)
			.set({ assigneeId: desk.id, assigneeRole: 'customer_service' })
			.where(eq(repairCallbacks.id, callback.id));
		const order = await makeOrder(place, {
			kindId: (await makeKind()).id,
			createdAt: at(-3 * HOUR),
			responseDueAt: at(DAY),
			completionDueAt: at(2 * DAY)
		});
		await promiseReply(
			await actorFor(desk.id),
			order.id,
			{ promisedReplyBy: localDateTimeValue(at(-HOUR), place.estate.timeZone) },
			{ now: at(-2 * HOUR) }
		);
		await sweep(place, t0);

		const mine = await myOverdue(await actorFor(desk.id), { now: t0 });
		expect(mine.map((r) => [r.kind, r.href])).toEqual([
			['callback', `/staff/callbacks/${callback.id}`],
			['promise', `/staff/repairs/${order.id}`]
		]);
		const home = await waitingForMe(await actorFor(desk.id), { now: t0 });
		expect(home.find((s) => s.id === 'overdue-mine')).toMatchObject({ count: 2, overdue: 2, href: '/staff/overdue' });

		const manager = await actorFor(place.staff.manager!.id);
		const figures = await overdueInEstates(manager, { now: at(AFTER_GRACE) });
		expect(figures.totals).toEqual({ callback: 1, rectification: 0, promise: 1, quote: 0, signoff: 0 });
		expect(figures.estates.find((e) => e.estateId === place.estate.id)!.escalated).toMatchObject({ callback: 0, promise: 0 });
		const managerHome = await waitingForMe(manager, { now: t0 });
		expect(managerHome.find((s) => s.id === 'overdue-estates')).toMatchObject({ count: 2 });
		// The desk holds no oversight.
		await expect(overdueInEstates(await actorFor(desk.id), { now: t0 })).rejects.toMatchObject({ status: 403 });
	});
});

describe('the callback shares of the month', () => {
	it('flags a director at 9.5 % and says how many more callbacks each role needs', async () => {
		const place = await makeCallbackEstate();
		const kind = await makeKind();
		const start = new Date('2027-01-04T02:00:00Z');
		for (let i = 0; i < 21; i++) await completedRepair(place, kind.id, new Date(start.getTime() + i * HOUR));
		// 2 for the director (9.52 %), 7 for the administrator, 12 for the repair lead (57.1 %).
		const rows = await db().select({ id: repairCallbacks.id }).from(repairCallbacks).where(eq(repairCallbacks.estateId, place.estate.id));
		const roles = [...Array(2).fill('manager'), ...Array(7).fill('customer_service'), ...Array(12).fill('engineering_supervisor')] as const;
		for (const [i, row] of rows.entries())
			await db().update(repairCallbacks).set({ assigneeRole: roles[i] }).where(eq(repairCallbacks.id, row.id));
		const [shares] = await callbackSharesThisMonth(await actorFor(place.staff.manager!.id), { now: t0, estateId: place.estate.id });
		const by = Object.fromEntries(shares!.roles.map((r) => [r.role, r]));
		expect(shares!.total).toBe(21);
		expect(by.manager).toMatchObject({ count: 2, belowFloor: true, needed: 1 });
		expect(by.customer_service).toMatchObject({ count: 7, belowFloor: false, needed: 0 });
		expect(by.engineering_supervisor).toMatchObject({ count: 12, belowFloor: true, needed: 2 });
	});
});

describe('the sweep job', () => {
	it('keeps its chain going: each run schedules the next slot before it sweeps every estate', async () => {
		const place = await makeCallbackEstate();
		const { callback } = await completedRepair(place, (await makeKind()).id, at(-10 * DAY));
		await ensureDeadlineSweepScheduled(db(), t0);
		await ensureDeadlineSweepScheduled(db(), t0);
		const chain = () => db().select().from(jobs).where(like(jobs.dedupeKey, 'deadlines.sweep:%'));
		expect((await chain()).map((j) => j.dedupeKey).sort()).toEqual([
			'deadlines.sweep:2027-01-18T02:00:00.000Z',
			'deadlines.sweep:2027-01-18T02:15:00.000Z'
		]);
		await runDeadlineSweepJob({ slot: '2027-01-18T02:15:00.000Z' }, { db: db(), now: at(15 * MINUTE), job: (await chain())[0]! });
		expect((await chain()).map((j) => j.dedupeKey)).toContain('deadlines.sweep:2027-01-18T02:30:00.000Z');
		const [row] = await db().select().from(repairCallbacks).where(eq(repairCallbacks.id, callback.id));
		expect(row!.overdueNotifiedAt).toEqual(at(15 * MINUTE));
	});
});
