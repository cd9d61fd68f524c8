import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { callbackRules, events, jobs, notifications, rectificationNotices, repairCallbacks } from '../db/schema/index.ts';
import { InputError, StaleStateError } from '../kernel/input-error.ts';
import { signOffRepair } from '../repairs/resident.ts';
import { makeStaff } from '../residents/test-fixtures.ts';
import { thrown } from '../../../../tests/request-event.ts';
import { callbackBoard, callbackDetail, callbackSharesThisMonth } from './queries.ts';
import { completeCallback, listRectifications, reassignCallback, resolveRectification, RECTIFICATION_HOURS } from './service.ts';
import { actorFor, completedRepair, DAY, HOUR, makeCallbackEstate, makeKind, makeOrder } from './testing.ts';
import { createRepairCallback } from './create.ts';
import type { NotifyDeliverPayload } from '../notify/deliver.ts';

const answers = {
	workOk: 'yes',
	serviceRating: '4',
	suggestions: 'Call before coming, please.',
	chargesOk: 'yes',
	residentSignedName: 'Chan Tai Man',
	problemFound: 'no',
	problemNote: ''
};

async function eventsOf(repairId: string) {
	return db()
		.select()
		.from(events)
		.where(and(eq(events.subjectType, 'repair'), eq(events.subjectId, repairId)));
}

describe('callback creation', () => {
	it('is due 2 days after completion for a safety facility, 3 for a water leak and 7 for anything else', async () => {
		const place = await makeCallbackEstate();
		const completedAt = new Date('2026-11-10T06:00:00Z');
		const cases = [
			{ kind: await makeKind({ safety: true }), days: 2, rule: 'safety_facility' },
			{ kind: await makeKind({ leak: true }), days: 3, rule: 'water_leak' },
			{ kind: await makeKind(), days: 7, rule: 'default' },
			// Flagged both ways: the stricter safety deadline wins.
			{ kind: await makeKind({ safety: true, leak: true }), days: 2, rule: 'safety_facility' }
		];
		for (const { kind, days, rule } of cases) {
			const { callback } = await completedRepair(place, kind.id, completedAt);
			const [row] = await db().select().from(repairCallbacks).where(eq(repairCallbacks.id, callback.id));
			expect(row!.dueAt.toISOString(), rule).toBe(new Date(completedAt.getTime() + days * DAY).toISOString());
			expect(row!.rule).toBe(rule);
			expect(row!.state).toBe('open');
		}
	});

	it('takes the days from the callback-rules dictionary, so an admin’s change applies to the next callback', async () => {
		const place = await makeCallbackEstate();
		await db()
			.insert(callbackRules)
			.values({ rule: 'water_leak', days: 5 })
			.onConflictDoUpdate({ target: callbackRules.rule, set: { days: 5 } });
		try {
			const completedAt = new Date('2026-11-12T02:00:00Z');
			const { callback } = await completedRepair(place, (await makeKind({ leak: true })).id, completedAt);
			const [row] = await db().select().from(repairCallbacks).where(eq(repairCallbacks.id, callback.id));
			expect(row!.dueAt.getTime() - completedAt.getTime()).toBe(5 * DAY);
		} finally {
			await db().update(callbackRules).set({ days: 3 }).where(eq(callbackRules.rule, 'water_leak'));
		}
	});

	it('is created when the technician has the resident sign off on site, with a callback_due event', async () => {
		const place = await makeCallbackEstate();
		const kind = await makeKind();
		const order = await makeOrder(place, {
			kindId: kind.id,
			state: 'awaiting_signoff',
			technicianId: place.technician.id,
			requesterId: place.resident.id,
			workDoneAt: new Date()
		});
		const now = new Date('2026-11-20T08:00:00Z');
		await signOffRepair(await actorFor(place.technician.id), order.id, { signedName: 'Chan Tai Man' }, { now });
		const [callback] = await db().select().from(repairCallbacks).where(eq(repairCallbacks.repairId, order.id));
		expect(callback!.dueAt.toISOString()).toBe(new Date(now.getTime() + 7 * DAY).toISOString());
		expect(callback!.evaluationTokenHash).toHaveLength(32);
		expect((await eventsOf(order.id)).map((e) => e.kind)).toEqual(['sign_off', 'callback_due']);
	});
});

describe('callback shares', () => {
	it('gives 20 callbacks of a month with one person per role at least 10 % / 30 % / 60 %', async () => {
		const place = await makeCallbackEstate();
		const kind = await makeKind();
		const start = new Date('2026-10-01T02:00:00Z');
		for (let i = 0; i < 20; i++) await completedRepair(place, kind.id, new Date(start.getTime() + i * HOUR));
		const rows = await db().select().from(repairCallbacks).where(eq(repairCallbacks.estateId, place.estate.id));
		const count = (role: string) => rows.filter((r) => r.assigneeRole === role).length;
		expect(rows).toHaveLength(20);
		expect(count('manager')).toBeGreaterThanOrEqual(2);
		expect(count('customer_service')).toBeGreaterThanOrEqual(6);
		expect(count('engineering_supervisor')).toBeGreaterThanOrEqual(12);
		// Each role's callbacks went to that role's one person.
		for (const row of rows) expect(row.assigneeId).toBe(place.staff[row.assigneeRole]!.id);

		const shares = await callbackSharesThisMonth(await actorFor(place.staff.manager!.id), { now: new Date('2026-10-15T00:00:00Z') });
		expect(shares).toHaveLength(1);
		expect(shares[0]!.total).toBe(20);
		expect(shares[0]!.roles.every((r) => !r.belowFloor)).toBe(true);
	});

	it('starts the count again each month in the estate’s time zone', async () => {
		const place = await makeCallbackEstate();
		const kind = await makeKind();
		// 2026-10-31T17:00Z is 1 November 01:00 in Hong Kong: the first callback of November.
		await completedRepair(place, kind.id, new Date('2026-10-31T15:00:00Z'));
		const { callback } = await completedRepair(place, kind.id, new Date('2026-10-31T17:00:00Z'));
		const [row] = await db().select().from(repairCallbacks).where(eq(repairCallbacks.id, callback.id));
		// A fresh month starts with the repair lead (the largest target).
		expect(row!.assigneeRole).toBe('engineering_supervisor');
	});

	it('gives two callbacks created at the same moment in one estate to different roles', async () => {
		const place = await makeCallbackEstate();
		const kind = await makeKind();
		const at = new Date('2026-09-03T02:00:00Z');
		const orders = await Promise.all(
			[0, 1].map(() => makeOrder(place, { kindId: kind.id, state: 'done', signedOffAt: at, technicianId: place.technician.id }))
		);
		// Two sign-offs racing: each in its own transaction, both reading this month's counts.
		await Promise.all(orders.map((order) => db().transaction((tx) => createRepairCallback(tx, order, at))));
		const rows = await db().select().from(repairCallbacks).where(eq(repairCallbacks.estateId, place.estate.id));
		expect(rows.map((r) => r.assigneeRole).sort()).toEqual(['customer_service', 'engineering_supervisor']);
	});

	it('skips a role nobody holds in the estate and flags it below its floor', async () => {
		const place = await makeCallbackEstate('No Director', ['customer_service', 'engineering_supervisor']);
		const kind = await makeKind();
		for (let i = 0; i < 10; i++) await completedRepair(place, kind.id, new Date(Date.UTC(2026, 10, 2, 2 + i)));
		const rows = await db().select().from(repairCallbacks).where(eq(repairCallbacks.estateId, place.estate.id));
		expect(rows.some((r) => r.assigneeRole === 'manager')).toBe(false);
		const shares = await callbackSharesThisMonth(await actorFor(place.staff.customer_service!.id), {
			now: new Date('2026-11-20T00:00:00Z')
		});
		const manager = shares[0]!.roles.find((r) => r.role === 'manager')!;
		expect(manager).toMatchObject({ count: 0, belowFloor: true });
	});
});

describe('recording a callback', () => {
	it('records the answers once, with a callback_done event and no notice when all is well', async () => {
		const place = await makeCallbackEstate();
		const { order, callback } = await completedRepair(place, (await makeKind()).id, new Date('2026-11-01T02:00:00Z'));
		const [row] = await db().select().from(repairCallbacks).where(eq(repairCallbacks.id, callback.id));
		const assignee = await actorFor(row!.assigneeId!);
		const now = new Date('2026-11-03T03:00:00Z');
		expect(await completeCallback(assignee, callback.id, answers, { now })).toEqual({ noticeId: null });
		const [done] = await db().select().from(repairCallbacks).where(eq(repairCallbacks.id, callback.id));
		expect(done).toMatchObject({
			state: 'done',
			doneBy: assignee.userId,
			workOk: true,
			serviceRating: 4,
			chargesOk: true,
			problemFound: false,
			residentSignedName: 'Chan Tai Man'
		});
		expect(done!.doneAt!.toISOString()).toBe(now.toISOString());
		const kinds = (await eventsOf(order.id)).map((e) => e.kind);
		expect(kinds).toContain('callback_done');
		expect(kinds).not.toContain('rectification_issued');

		await expect(completeCallback(assignee, callback.id, answers)).rejects.toBeInstanceOf(StaleStateError);
	});

	it('issues a rectification notice to the technician due 24 h later when a problem is found, by inbox and SMS', async () => {
		const place = await makeCallbackEstate();
		const { order, callback } = await completedRepair(place, (await makeKind({ leak: true })).id, new Date('2026-11-05T02:00:00Z'));
		const director = await actorFor(place.staff.manager!.id);
		const now = new Date('2026-11-06T09:30:00Z');
		const { noticeId } = await completeCallback(
			director,
			callback.id,
			{ ...answers, workOk: 'no', serviceRating: '2', problemFound: 'yes', problemNote: 'Still dripping under the sink.' },
			{ now }
		);
		const [notice] = await db().select().from(rectificationNotices).where(eq(rectificationNotices.id, noticeId!));
		expect(notice).toMatchObject({
			repairId: order.id,
			callbackId: callback.id,
			technicianId: place.technician.id,
			issue: 'Still dripping under the sink.',
			state: 'open',
			issuedBy: director.userId
		});
		expect(notice!.dueAt.getTime() - now.getTime()).toBe(RECTIFICATION_HOURS * HOUR);

		const inbox = await db()
			.select()
			.from(notifications)
			.where(and(eq(notifications.userId, place.technician.id), eq(notifications.kind, 'rectification.issued')));
		expect(inbox).toHaveLength(1);
		expect(inbox[0]!.link).toBe('/staff/callbacks/rectifications');
		expect(inbox[0]!.body).toContain('Still dripping under the sink.');
		const deliveries = (await db().select().from(jobs).where(eq(jobs.kind, 'notify.deliver')))
			.flatMap((job) => (job.payload as NotifyDeliverPayload).deliveries)
			.filter((d) => d.userId === place.technician.id && d.title.includes('Rectification'));
		expect(deliveries.map((d) => d.channels)).toEqual([['sms']]);

		const timeline = await eventsOf(order.id);
		expect(timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['callback_done', 'rectification_issued']));
		expect(timeline.find((e) => e.kind === 'rectification_issued')!.data).toMatchObject({ noticeId, technicianId: place.technician.id });
	});

	it('lets only the assignee or the estate’s director record it; others get 403 and strangers 404', async () => {
		const place = await makeCallbackEstate();
		const { callback } = await completedRepair(place, (await makeKind()).id, new Date('2026-11-07T02:00:00Z'));
		const [row] = await db().select().from(repairCallbacks).where(eq(repairCallbacks.id, callback.id));
		const notAssignee = (['customer_service', 'engineering_supervisor'] as const).find(
			(role) => place.staff[role]!.id !== row!.assigneeId
		)!;
		expect((await thrown(async () => completeCallback(await actorFor(place.staff[notAssignee]!.id), callback.id, answers))).status).toBe(
			403
		);
		const elsewhere = await makeCallbackEstate('Elsewhere');
		expect((await thrown(async () => completeCallback(await actorFor(elsewhere.staff.manager!.id), callback.id, answers))).status).toBe(
			404
		);
		expect((await thrown(async () => completeCallback(await actorFor(place.technician.id), callback.id, answers))).status).toBe(403);
		expect((await thrown(async () => completeCallback(await actorFor(place.staff.manager!.id), 'not-a-uuid', answers))).status).toBe(404);
	});

	it('refuses answers that leave a question open or hide a problem', async () => {
		const place = await makeCallbackEstate();
		const { callback } = await completedRepair(place, (await makeKind()).id, new Date('2026-11-08T02:00:00Z'));
		const director = await actorFor(place.staff.manager!.id);
		const fieldOf = async (input: Record<string, string>) => {
			const err = await completeCallback(director, callback.id, input).catch((e: unknown) => e);
			expect(err).toBeInstanceOf(InputError);
			return (err as InputError).field;
		};
		expect(await fieldOf({ ...answers, workOk: '' })).toBe('workOk');
		expect(await fieldOf({ ...answers, problemFound: 'yes', problemNote: '' })).toBe('problemNote');
		expect(await fieldOf({ ...answers, workOk: 'no', problemFound: 'no' })).toBe('problemFound');
		expect(await fieldOf({ ...answers, serviceRating: '6' })).toBe('serviceRating');
		expect(await fieldOf({ ...answers, residentSignedName: '' })).toBe('residentSignedName');
	});
});

describe('the callback board and reassignment', () => {
	it('shows staff every callback of their estates, and "mine" only theirs', async () => {
		const place = await makeCallbackEstate();
		const kind = await makeKind();
		for (let i = 0; i < 4; i++) await completedRepair(place, kind.id, new Date(Date.UTC(2026, 10, 9, 2 + i)));
		const other = await makeCallbackEstate('Other Estate');
		await completedRepair(other, kind.id, new Date('2026-11-09T02:00:00Z'));
		const service = await actorFor(place.staff.customer_service!.id);
		const board = await callbackBoard(service, { state: 'all' }, { now: new Date('2026-11-30T00:00:00Z') });
		expect(board.rows).toHaveLength(4);
		expect(board.rows.every((r) => r.overdue)).toBe(true);
		const mine = await callbackBoard(service, { state: 'all', mine: true });
		expect(mine.rows.length).toBeGreaterThan(0);
		expect(mine.rows.every((r) => r.assigneeId === service.userId)).toBe(true);
		// A technician is no callback staff.
		expect((await thrown(async () => callbackBoard(await actorFor(place.technician.id), {}))).status).toBe(403);
	});

	it('lets the director reassign with a reason, moving the share to the new person’s role', async () => {
		const place = await makeCallbackEstate();
		const { order, callback } = await completedRepair(place, (await makeKind()).id, new Date('2026-11-10T02:00:00Z'));
		const [before] = await db().select().from(repairCallbacks).where(eq(repairCallbacks.id, callback.id));
		expect(before!.assigneeRole).toBe('engineering_supervisor');
		const director = await actorFor(place.staff.manager!.id);
		expect(
			(
				await thrown(async () =>
					reassignCallback(await actorFor(place.staff.customer_service!.id), callback.id, {
						assigneeId: place.staff.customer_service!.id,
						reason: 'x'
					})
				)
			).status
		).toBe(403);
		await expect(reassignCallback(director, callback.id, { assigneeId: place.technician.id, reason: 'on leave' })).rejects.toBeInstanceOf(
			InputError
		);
		await reassignCallback(director, callback.id, { assigneeId: place.staff.customer_service!.id, reason: 'Lead is on leave' });
		const [after] = await db().select().from(repairCallbacks).where(eq(repairCallbacks.id, callback.id));
		expect(after).toMatchObject({ assigneeId: place.staff.customer_service!.id, assigneeRole: 'customer_service' });
		const event = (await eventsOf(order.id)).find((e) => e.kind === 'callback_reassigned');
		expect(event?.note).toBe('Lead is on leave');
		const detail = await callbackDetail(director, callback.id);
		expect(detail.actions).toEqual(['complete', 'reassign']);
		expect(detail.callback).not.toHaveProperty('evaluationTokenHash');
	});
});

describe('rectification notices', () => {
	it('lists a technician’s own open notices and lets them resolve one, recording the event', async () => {
		const place = await makeCallbackEstate();
		const { order, callback } = await completedRepair(place, (await makeKind()).id, new Date('2026-11-11T02:00:00Z'));
		const issuedAt = new Date('2026-11-12T02:00:00Z');
		const { noticeId } = await completeCallback(
			await actorFor(place.staff.manager!.id),
			callback.id,
			{ ...answers, problemFound: 'yes', problemNote: 'Sealant missing.' },
			{ now: issuedAt }
		);
		const technician = await actorFor(place.technician.id);
		const open = await listRectifications(technician, {}, { now: new Date(issuedAt.getTime() + 25 * HOUR) });
		expect(open.wide).toBe(false);
		expect(open.rows.map((r) => r.id)).toEqual([noticeId]);
		expect(open.rows[0]).toMatchObject({ overdue: true, actions: ['resolve'], issue: 'Sealant missing.' });

		// Another technician of the estate neither sees nor resolves it.
		const colleague = await actorFor((await makeStaff('Other tech', ['engineering'], [place.estate.id])).id);
		expect((await listRectifications(colleague)).rows).toHaveLength(0);
		expect((await thrown(() => resolveRectification(colleague, { noticeId, resolution: 'done' }))).status).toBe(404);

		await resolveRectification(
			technician,
			{ noticeId, resolution: 'Resealed the sink.' },
			{ now: new Date(issuedAt.getTime() + 3 * HOUR) }
		);
		const [notice] = await db().select().from(rectificationNotices).where(eq(rectificationNotices.id, noticeId!));
		expect(notice).toMatchObject({ state: 'resolved', resolution: 'Resealed the sink.', resolvedBy: technician.userId });
		const event = (await eventsOf(order.id)).find((e) => e.kind === 'rectification_resolved');
		expect(event?.data).toMatchObject({ noticeId, onTime: true });
		await expect(resolveRectification(technician, { noticeId, resolution: 'again' })).rejects.toBeInstanceOf(StaleStateError);
		// The resolved list shows it, on time.
		const resolved = await listRectifications(technician, { state: 'resolved' });
		expect(resolved.rows[0]).toMatchObject({ id: noticeId, resolvedOnTime: true, actions: [] });
	});

	it('refuses residents and staff without a callback or repair role', async () => {
		const place = await makeCallbackEstate();
		expect((await thrown(async () => listRectifications(await actorFor(place.resident.id)))).status).toBe(403);
		const finance = await makeStaff('Finance', ['finance'], [place.estate.id]);
		expect((await thrown(async () => listRectifications(await actorFor(finance.id)))).status).toBe(403);
		expect((await thrown(() => listRectifications(null))).status).toBe(401);
	});
});
