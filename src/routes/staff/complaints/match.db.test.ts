import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { db } from '#lib/server/db/client.ts';
import { complaints, users } from '#lib/server/db/schema/index.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { fileComplaint } from '#lib/server/complaints/intake.ts';
import { complaintInput, makeComplaintEstate } from '#lib/server/complaints/testing.ts';
import { actions, load } from './[id]/+page.server.ts';
import { load as boardLoad } from './+page.server.ts';

type Result = { status?: number; data?: { form?: { errors: Record<string, string[] | undefined> } } };

const open = (actor: Actor, id: string, query = '') => load(fakeEvent({ actor, path: `/staff/complaints/${id}${query}`, params: { id } }));
const match = (actor: Actor, id: string, unitId: string) =>
	(actions.match as (event: never) => Promise<Result>)(
		fakeEvent({ actor, path: `/staff/complaints/${id}?/match`, params: { id }, form: { unitId } })
	);

/** A complaint as the public widget leaves it: nobody's, unverified, only the building and the room typed. */
async function widgetComplaint(place: Awaited<ReturnType<typeof makeComplaintEstate>>) {
	const [resident] = await db().select({ email: users.email }).from(users).where(eq(users.id, place.resident.id));
	const { id } = await fileComplaint(place.actors.resident, complaintInput(place), []);
	await db()
		.update(complaints)
		.set({
			channel: 'widget',
			verified: false,
			unitId: null,
			buildingId: place.building.id,
			locationDetail: 'Room 12A',
			occupancyId: null,
			requesterId: null,
			phone: '',
			// The resident's email as a visitor might type it.
			email: resident!.email.toUpperCase()
		})
		.where(eq(complaints.id, id));
	return id;
}

describe('/staff/complaints/[id] — an unverified complaint from the public widget', () => {
	it('names the building typed, suggests the occupant with the email, and is matched in one click', async () => {
		const place = await makeComplaintEstate('Board Gardens');
		const id = await widgetComplaint(place);
		const board = await boardLoad(fakeEvent({ actor: place.actors.desk, path: '/staff/complaints?unverified=1' }));
		expect(board.rows.find((r) => r.id === id)).toMatchObject({ verified: false, where: expect.stringContaining('Block A') });

		const page = await open(place.actors.desk, id);
		expect(page.complaint).toMatchObject({ verified: false, buildingName: 'Block A', unitNumber: null });
		expect(page.matching?.suggestions).toMatchObject([{ unitId: place.unit.id, personName: 'Chan Tai Man' }]);
		// The lookup starts in the building the visitor typed.
		expect(page.matching?.lookup.lookup.buildingId).toBe(place.building.id);

		const done = await thrown(() => match(place.actors.desk, id, place.unit.id));
		expect(done).toMatchObject({ status: 303, location: `/staff/complaints/${id}?done=match` });
		const after = await open(place.actors.desk, id);
		expect(after.matching).toBeNull();
		expect(after.complaint).toMatchObject({ verified: true, unitNumber: place.unit.number });
		expect(after.timeline.map((e) => e.kind)).toContain('matched');
	});

	it('answers a unit of another estate at the unit field, and a department never sees the match', async () => {
		const place = await makeComplaintEstate('Board Court');
		const other = await makeComplaintEstate('Board Elsewhere');
		const id = await widgetComplaint(place);
		const refused = await match(place.actors.desk, id, other.unit.id);
		expect(refused.status).toBe(400);
		expect(refused.data?.form?.errors.unitId?.[0]).toBeTruthy();
		expect(await thrown(() => open(place.actors.engineer, id))).toMatchObject({ status: 404 });
		expect(await thrown(() => match(other.actors.desk, id, place.unit.id))).toMatchObject({ status: 404 });
	});
});
