import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { thrown } from '../../../../tests/request-event.ts';
import { db } from '../db/client.ts';
import { complaints, events, occupancies, users } from '../db/schema/index.ts';
import { InputError, StaleStateError } from '../kernel/input-error.ts';
import { actorFor, makeStaff, makeUnit } from '../residents/test-fixtures.ts';
import { fileComplaint } from './intake.ts';
import { complaintMatchSuggestions, matchComplaint } from './match.ts';
import { complaintDetail, complaintQueue, listMyComplaints } from './queries.ts';
import { complaintInput, makeComplaintEstate } from './testing.ts';

const PHONE = '+852 9123 4567';

/**
 * A complaint as the public widget leaves it: from nobody's account, unverified, with only the
 * building and the room the visitor typed (written directly: the widget's intake is not under test).
 */
async function widgetComplaint(place: Awaited<ReturnType<typeof makeComplaintEstate>>, phone = '9123-4567') {
	await db().update(users).set({ phone: PHONE }).where(eq(users.id, place.resident.id));
	const filed = await fileComplaint(place.actors.resident, complaintInput(place), []);
	await db()
		.update(complaints)
		.set({
			channel: 'widget',
			verified: false,
			unitId: null,
			buildingId: place.building.id,
			locationDetail: `Flat ${place.unit.number}`,
			occupancyId: null,
			requesterId: null,
			phone,
			email: ''
		})
		.where(eq(complaints.id, filed.id));
	return filed.id;
}

const matchedEvents = (id: string) =>
	db()
		.select()
		.from(events)
		.where(and(eq(events.subjectType, 'complaint'), eq(events.subjectId, id), eq(events.kind, 'matched')));

describe('matching a complaint from the public widget to a unit', () => {
	it('suggests the unit whose occupant has the phone, and matching it gives the complaint to that occupancy', async () => {
		const place = await makeComplaintEstate('Match Gardens');
		const id = await widgetComplaint(place);
		const { actors } = place;
		// Before: nobody's, so the resident does not see it; the desk sees it on the unverified board, with the match offered.
		expect(await listMyComplaints(actors.resident)).toEqual([]);
		expect((await complaintQueue(actors.desk, { unverified: true })).rows.map((r) => r.id)).toContain(id);
		const before = await complaintDetail(actors.desk, id);
		expect(before.actions).toContain('match');
		const suggestions = await complaintMatchSuggestions(db(), before.complaint);
		expect(suggestions).toMatchObject([{ unitId: place.unit.id, personName: 'Chan Tai Man', userId: place.resident.id }]);

		await matchComplaint(actors.desk, id, suggestions[0]!.unitId);

		const [row] = await db().select().from(complaints).where(eq(complaints.id, id));
		const [occupancy] = await db().select().from(occupancies).where(eq(occupancies.unitId, place.unit.id));
		expect(row).toMatchObject({
			state: 'received',
			verified: true,
			unitId: place.unit.id,
			buildingId: place.building.id,
			occupancyId: occupancy!.id,
			requesterId: place.resident.id,
			locationDetail: `Flat ${place.unit.number}`
		});
		const [event] = await matchedEvents(id);
		expect(event).toMatchObject({ actorId: place.desk.id, fromState: 'received', toState: 'received' });
		expect(event!.data).toMatchObject({ unitId: place.unit.id, unit: `Block A · ${place.unit.number}`, occupancyId: occupancy!.id });
		// Now the resident's, and the match is no longer offered.
		expect((await listMyComplaints(actors.resident)).map((c) => c.id)).toEqual([id]);
		expect((await complaintDetail(actors.desk, id)).actions).not.toContain('match');
		// The timeline's "matched" entry is the office's own.
		expect((await complaintDetail(actors.resident, id)).timeline.map((e) => e.kind)).not.toContain('matched');
	});

	it('refuses a second match: the complaint is already verified', async () => {
		const place = await makeComplaintEstate('Match Court');
		const id = await widgetComplaint(place);
		await matchComplaint(place.actors.manager, id, place.unit.id);
		const again = await thrown(() => matchComplaint(place.actors.desk, id, place.unit.id));
		expect(again).toBeInstanceOf(StaleStateError);
		expect(await matchedEvents(id)).toHaveLength(1);
		// A complaint filed in the portal was never unverified: nothing to match.
		const portal = await fileComplaint(place.actors.resident, complaintInput(place), []);
		expect(await thrown(() => matchComplaint(place.actors.desk, portal.id, place.unit.id))).toBeInstanceOf(StaleStateError);
	});

	it('refuses, at the unit field, a unit of another estate, and changes nothing', async () => {
		const place = await makeComplaintEstate('Match Heights');
		const other = await makeComplaintEstate('Match Elsewhere');
		const id = await widgetComplaint(place);
		const refused = await thrown(() => matchComplaint(place.actors.desk, id, other.unit.id));
		expect(refused).toBeInstanceOf(InputError);
		expect(refused).toMatchObject({ field: 'unitId' });
		expect(await thrown(() => matchComplaint(place.actors.desk, id, 'not-a-unit'))).toMatchObject({ field: 'unitId' });
		const [row] = await db().select().from(complaints).where(eq(complaints.id, id));
		expect(row).toMatchObject({ verified: false, unitId: null, occupancyId: null });
		expect(await matchedEvents(id)).toEqual([]);
	});

	it('matches to a vacant unit of the estate as nobody’s', async () => {
		const place = await makeComplaintEstate('Match Terrace');
		const id = await widgetComplaint(place, '2345 6789');
		const empty = await makeUnit(place, '99Z');
		await matchComplaint(place.actors.desk, id, empty.id);
		const [row] = await db().select().from(complaints).where(eq(complaints.id, id));
		expect(row).toMatchObject({ verified: true, unitId: empty.id, occupancyId: null, requesterId: null });
	});

	it('is refused to the desk of another estate (404) and to a department it was not passed to (404)', async () => {
		const place = await makeComplaintEstate('Match Park');
		const other = await makeComplaintEstate('Match Other Park');
		const id = await widgetComplaint(place);
		expect(await thrown(() => matchComplaint(other.actors.desk, id, place.unit.id))).toMatchObject({ status: 404 });
		expect(await thrown(() => matchComplaint(place.actors.engineer, id, place.unit.id))).toMatchObject({ status: 404 });
		expect(await thrown(() => matchComplaint(place.actors.resident, id, place.unit.id))).toMatchObject({ status: 404 });
		// Customer service of another estate, even holding every desk role there.
		const stranger = await actorFor((await makeStaff('Stranger desk', ['customer_service', 'manager'], [other.estate.id])).id);
		expect(await thrown(() => matchComplaint(stranger, id, place.unit.id))).toMatchObject({ status: 404 });
		const [row] = await db().select().from(complaints).where(eq(complaints.id, id));
		expect(row!.verified).toBe(false);
	});
});
