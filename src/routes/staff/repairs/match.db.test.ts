import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { fakeEvent } from '../../../../tests/request-event.ts';
import { db } from '#lib/server/db/client.ts';
import { repairOrders, users } from '#lib/server/db/schema/index.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import * as fx from '#lib/server/property/testing/fixtures.ts';
import { actions, load } from './[id]/+page.server.ts';
import { load as queueLoad } from './+page.server.ts';
import { makeWorld, portalRepair, type World } from './testing.ts';

type Result = { status?: number; data?: { form?: { errors: Record<string, string[] | undefined> } }; done?: string };

let w: World;

const open = (actor: Actor, id: string, query = '') => load(fakeEvent({ actor, path: `/staff/repairs/${id}${query}`, params: { id } }));
const match = (actor: Actor, id: string, unitId: string) =>
	(actions.match as (event: never) => Promise<Result>)(
		fakeEvent({ actor, path: `/staff/repairs/${id}?/match`, params: { id }, form: { unitId } })
	);

/** A portal request turned into what the public widget leaves: nobody's, unverified. */
async function widgetRepair(): Promise<string> {
	const id = await portalRepair(w);
	await db()
		.update(repairOrders)
		.set({ channel: 'widget', verified: false, occupancyId: null, requesterId: null })
		.where(eq(repairOrders.id, id));
	return id;
}

beforeAll(async () => {
	w = await makeWorld();
	await db().update(users).set({ phone: '9123 4567' }).where(eq(users.id, w.resident.userId));
});

describe('/staff/repairs — an unverified request from the public widget', () => {
	it('is badged and found by the queue’s unverified filter', async () => {
		const id = await widgetRepair();
		const verified = await portalRepair(w);
		const queue = await queueLoad(fakeEvent({ actor: w.desk, path: '/staff/repairs?unverified=1&state=all' }));
		expect(queue.params.unverified).toBe(true);
		expect(queue.rows.map((r) => r.id)).toContain(id);
		expect(queue.rows.map((r) => r.id)).not.toContain(verified);
		expect(queue.rows.find((r) => r.id === id)?.verified).toBe(false);
	});

	it('shows the desk who it may be from and a lookup of the estate’s units, and matches in one click', async () => {
		const id = await widgetRepair();
		const page = await open(w.desk, id);
		expect(page.matching?.suggestions).toMatchObject([{ unitId: w.unitId, personName: 'Chan Tai Man', via: 'occupant' }]);
		expect(page.matching?.lookup.buildings.map((b) => b.id)).toEqual([w.buildingId]);

		const looked = await open(w.desk, id, `?building=${w.buildingId}&unit=${w.unitNumber.toLowerCase()}`);
		expect(looked.matching?.lookup.unit?.id).toBe(w.unitId);

		const done = await match(w.desk, id, w.unitId);
		expect(done.done).toBeTruthy();
		const [row] = await db().select().from(repairOrders).where(eq(repairOrders.id, id));
		expect(row).toMatchObject({ verified: true, requesterId: w.resident.userId });
		expect((await open(w.desk, id)).matching).toBeNull();
	});

	it('answers a unit of another estate or none at the unit field, and offers the match to a supervisor too', async () => {
		const id = await widgetRepair();
		const [elsewhere] = await fx.unitsIn(await fx.building(w.otherEstateId, 'Z'), 1);
		const refused = await match(w.desk, id, elsewhere!.id);
		expect(refused.status).toBe(400);
		expect(refused.data?.form?.errors.unitId?.[0]).toBeTruthy();
		const empty = await match(w.desk, id, '');
		expect(empty.status).toBe(400);
		expect(empty.data?.form?.errors.unitId?.[0]).toBeTruthy();
		expect((await open(w.lead, id)).matching).not.toBeNull();
	});
});
