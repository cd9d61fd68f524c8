import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { db } from '#lib/server/db/client.ts';
import { events, repairOrders } from '#lib/server/db/schema/index.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { assignRepair } from '#lib/server/repairs/desk.ts';
import { load as queueLoad } from './+page.server.ts';
import { actions as newActions, load as newLoad } from './new/+page.server.ts';
import { makeWorld, portalRepair, type World } from './testing.ts';

let w: World;
const ids: string[] = [];

const queue = (actor: Actor, search = '') => queueLoad(fakeEvent({ actor, path: `/staff/repairs${search}` }));
const newPage = (actor: Actor, search = '') => newLoad(fakeEvent({ actor, path: `/staff/repairs/new${search}` }));

beforeAll(async () => {
	w = await makeWorld();
	// 27 requests, a minute apart so that "newest first" is unambiguous; the first response of
	// each was due long ago (their completion is not due yet).
	for (let i = 0; i < 27; i++) {
		ids.push(await portalRepair(w, `Queue order number ${i}`));
		const createdAt = new Date(Date.UTC(2025, 0, 1, 0, i));
		await db()
			.update(repairOrders)
			.set({ createdAt, responseDueAt: new Date(createdAt.getTime() + 30 * 60_000) })
			.where(eq(repairOrders.id, ids[i]!));
	}
});

describe('/staff/repairs — the queue', () => {
	it('lists newest first, 25 a page, with a next-page link that carries the filters and the cursor', async () => {
		const first = await queue(w.desk, '?state=all');
		expect(first.rows.map((r) => r.id)).toEqual([...ids].reverse().slice(0, 25));
		expect(first.next).toBeTruthy();
		const second = await queue(w.desk, `?state=all&after=${encodeURIComponent(first.next!)}`);
		expect(second.rows.map((r) => r.id)).toEqual([ids[1], ids[0]]);
		expect(second.next).toBeNull();
	});

	it('filters by reference, mine, state and kind, and marks overdue rows in words', async () => {
		const [order] = await db().select().from(repairOrders).where(eq(repairOrders.id, ids[3]!));
		const byReference = await queue(w.desk, `?q=R${String(order!.seq).padStart(6, '0')}`);
		expect(byReference.rows.map((r) => r.id)).toEqual([ids[3]]);

		await assignRepair(w.desk2, ids[5]!, { mode: 'technician', technicianId: w.tech.userId, teamId: '', reason: '' });
		expect((await queue(w.desk2, '?mine=1')).rows.map((r) => r.id)).toEqual([ids[5]]);
		expect((await queue(w.desk, '?state=assigned')).rows.map((r) => r.id)).toEqual([ids[5]]);
		expect((await queue(w.desk, `?state=all&kind=${w.kindId}`)).rows).toHaveLength(25);

		// Without a first response they are all overdue; the assigned one was answered in time for now.
		const overdue = await queue(w.desk, '?overdue=1');
		expect(overdue.rows).toHaveLength(25);
		expect(overdue.rows.every((r) => r.overdue && r.dueStage === 'response')).toBe(true);
		expect(overdue.rows.map((r) => r.id)).not.toContain(ids[5]);
		const assigned = (await queue(w.desk, '?state=all')).rows.find((r) => r.id === ids[5])!;
		expect([assigned.overdue, assigned.dueStage]).toEqual([false, 'completion']);
	});

	it('shows a technician only the orders assigned to them', async () => {
		await assignRepair(w.desk, ids[7]!, { mode: 'technician', technicianId: w.tech2.userId, teamId: '', reason: '' });
		expect((await queue(w.tech2, '?state=all')).rows.map((r) => r.id)).toEqual([ids[7]]);
		expect((await queue(w.otherTech, '?state=all')).rows).toEqual([]);
	});

	it('is 403 for staff without repairs.read (finance) and for residents', async () => {
		expect((await thrown(() => queue(w.finance))).status).toBe(403);
		expect((await thrown(() => queue(w.resident))).status).toBe(403);
	});
});

describe('/staff/repairs/new — a request taken by phone or at the counter', () => {
	it('finds the unit by building and number and lists its current occupants', async () => {
		const page = await newPage(w.desk, `?building=${w.buildingId}&unit=${w.unitNumber.toLowerCase()}`);
		expect(page.unit?.id).toBe(w.unitId);
		expect(page.unit?.occupants.map((o) => o.id)).toEqual([w.resident.userId]);
		const missing = await newPage(w.desk, `?building=${w.buildingId}&unit=99Z`);
		expect([missing.unit, missing.lookup.notFound]).toEqual([null, true]);
		expect((await thrown(() => newPage(w.tech))).status).toBe(403);
	});

	it('enters the request with the desk member as its first receiver (首問)', async () => {
		const form = {
			unitId: w.unitId,
			channel: 'phone',
			requesterId: w.resident.userId,
			kindId: w.kindId,
			location: 'unit',
			locationDetail: 'bathroom',
			description: 'Toilet cistern keeps running',
			contactName: 'Chan Tai Man',
			contactPhone: '+852 9123 4567',
			enterWhenAbsent: 'on',
			accessNotes: 'Key with the guard',
			appointment: 'call',
			slotId: ''
		};
		const redirect = await thrown(() => newActions.default(fakeEvent({ actor: w.desk, form })));
		expect(redirect.status).toBe(303);
		const id = redirect.location!.match(/^\/staff\/repairs\/([0-9a-f-]{36})\?entered=1$/)![1]!;
		const [row] = await db().select().from(repairOrders).where(eq(repairOrders.id, id));
		expect([row!.channel, row!.ownerId, row!.requesterId, row!.enterWhenAbsent, row!.firstResponseAt !== null]).toEqual([
			'phone',
			w.desk.userId,
			w.resident.userId,
			true,
			true
		]);
		expect((await db().select().from(events).where(eq(events.subjectId, id))).map((e) => e.kind)).toEqual(['filed']);
	});

	it('shows problems at their fields and saves nothing', async () => {
		const before = (await db().select({ id: repairOrders.id }).from(repairOrders)).length;
		const base = {
			unitId: w.unitId,
			channel: 'counter',
			requesterId: '',
			kindId: w.kindId,
			location: 'common_area',
			locationDetail: '',
			description: 'Lift lobby light flickers',
			contactName: 'Guard',
			contactPhone: '+852 2345 6789',
			appointment: 'slot',
			slotId: ''
		};
		const invalid = (await newActions.default(fakeEvent({ actor: w.desk, form: base }))) as {
			status: number;
			data: { form: { errors: Record<string, unknown> } };
		};
		expect(invalid.status).toBe(400);
		expect(Object.keys(invalid.data.form.errors).sort()).toEqual(['locationDetail', 'slotId']);

		const stranger = fakeEvent({
			actor: w.desk,
			form: { ...base, location: 'unit', appointment: 'call', requesterId: w.desk2.userId }
		});
		const notOccupant = (await newActions.default(stranger)) as { status: number; data: { form: { errors: Record<string, unknown> } } };
		expect(notOccupant.status).toBe(400);
		expect(notOccupant.data.form.errors.requesterId).toBeTruthy();
		expect((await db().select({ id: repairOrders.id }).from(repairOrders)).length).toBe(before);
	});
});
