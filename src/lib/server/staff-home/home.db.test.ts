import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { moves, rectificationNotices, renovationApplications, repairCallbacks, repairOrders, repairQuotes } from '../db/schema/index.ts';
import { makeStaff, occupy } from '../residents/test-fixtures.ts';
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
import { staffQueue } from '../repairs/queries.ts';
import { waitingForMe } from './home.ts';
import type { WaitingSection } from './section.ts';

const now = new Date('2026-11-20T04:00:00Z');

async function homeOf(userId: string) {
	const sections = await waitingForMe(await actorFor(userId), { now });
	return Object.fromEntries(sections.map((s) => [s.id, s])) as Record<string, WaitingSection | undefined>;
}

/**
 * An estate with: two new requests nobody owns (one past its response deadline), one the desk
 * owns and the technician works on with a quote waiting for the supervisor, a signed-off repair
 * whose callback (past due) is the desk's, a rectification notice to the technician, and a
 * renovation application waiting for the desk's registration.
 */
async function busyEstate(name: string) {
	const place = await makeCallbackEstate(name);
	const desk = place.staff.customer_service!;
	const kind = await makeKind();
	const fresh = await makeOrder(place, { kindId: kind.id, createdAt: new Date(now.getTime() - HOUR / 2) });
	const late = await makeOrder(place, { kindId: kind.id, createdAt: new Date(now.getTime() - 3 * HOUR) });
	const worked = await makeOrder(place, {
		kindId: kind.id,
		state: 'in_progress',
		createdAt: new Date(now.getTime() - 2 * HOUR),
		firstResponseAt: new Date(now.getTime() - HOUR),
		technicianId: place.technician.id
	});
	await db().update(repairOrders).set({ ownerId: desk.id }).where(eq(repairOrders.id, worked.id));
	await db()
		.insert(repairQuotes)
		.values({ repairId: worked.id, lines: [], totalMinor: 50000, workMinutes: 60, createdBy: place.technician.id });
	const { order: done, callback } = await completedRepair(place, kind.id, new Date(now.getTime() - 10 * DAY));
	await db()
		.update(repairCallbacks)
		.set({ assigneeId: desk.id, assigneeRole: 'customer_service' })
		.where(eq(repairCallbacks.id, callback.id));
	await db()
		.insert(rectificationNotices)
		.values({
			repairId: done.id,
			callbackId: callback.id,
			technicianId: place.technician.id,
			issue: 'The tap still drips.',
			dueAt: new Date(now.getTime() + 12 * HOUR),
			issuedBy: desk.id
		});
	const occupancy = await occupy(place.unit.id, { userId: place.resident.id });
	await db()
		.insert(renovationApplications)
		.values({
			estateId: place.estate.id,
			unitId: place.unit.id,
			occupancyId: occupancy.id,
			applicantId: place.resident.id,
			state: 'submitted',
			submittedAt: new Date(now.getTime() - DAY),
			stepSince: new Date(now.getTime() - DAY)
		});
	// The resident moves out today (the estate's day of `now`); a move planned tomorrow is not today's.
	const [leaving] = await db()
		.insert(moves)
		.values([
			{
				kind: 'out',
				estateId: place.estate.id,
				unitId: place.unit.id,
				occupancyId: occupancy.id,
				partyUserId: place.resident.id,
				role: 'owner',
				plannedOn: '2026-11-20'
			},
			{
				kind: 'out',
				estateId: place.estate.id,
				unitId: place.unit.id,
				occupancyId: occupancy.id,
				partyUserId: place.resident.id,
				role: 'owner',
				plannedOn: '2026-11-21'
			}
		])
		.returning();
	return { place, desk, fresh, late, worked, leaving: leaving! };
}

type Busy = Awaited<ReturnType<typeof busyEstate>> & { place: CallbackEstate };

describe('the staff home', () => {
	it('shows each section to the roles it concerns, with the counts of the lists it links to', async () => {
		const busy: Busy = await busyEstate('Harbour View');
		const { place, desk, fresh, late, worked } = busy;

		const atDesk = await homeOf(desk.id);
		expect(Object.keys(atDesk)).toEqual([
			'overdue-mine',
			'repairs-mine',
			'repairs-unowned',
			'repairs-overdue',
			'complaints-mine',
			'complaints-unowned',
			'callbacks-mine',
			'rectifications',
			'renovations',
			'releases-requested',
			'survey-actions'
		]);
		expect(atDesk['repairs-mine']).toMatchObject({ count: 1, overdue: 0, href: '/staff/repairs?mine=1' });
		expect(atDesk['repairs-mine']!.items.map((i) => i.href)).toEqual([`/staff/repairs/${worked.id}`]);
		// Overdue first: the late request (its first response was due an hour after it came in).
		expect(atDesk['repairs-unowned']).toMatchObject({ count: 2, overdue: 1 });
		expect(atDesk['repairs-unowned']!.items.map((i) => [i.href, i.overdue])).toEqual([
			[`/staff/repairs/${late.id}`, true],
			[`/staff/repairs/${fresh.id}`, false]
		]);
		// The link's list holds what the count says (the queue reads the same condition).
		const queue = await staffQueue(await actorFor(desk.id), { state: 'received', unowned: true });
		expect(queue.rows.map((r) => r.id).sort()).toEqual([fresh.id, late.id].sort());
		expect(atDesk['repairs-overdue']).toMatchObject({ count: 1, overdue: 1, href: '/staff/repairs?overdue=1' });
		expect(atDesk['callbacks-mine']).toMatchObject({ count: 1, overdue: 1 });
		// Past its deadline and the desk's: the callback, linked to its page.
		expect(atDesk['overdue-mine']).toMatchObject({ count: 1, overdue: 1, href: '/staff/overdue' });
		expect(atDesk['overdue-mine']!.items.map((i) => i.href)).toEqual([atDesk['callbacks-mine']!.items[0]!.href]);
		expect(atDesk['rectifications']).toMatchObject({ count: 1, overdue: 0, href: '/staff/callbacks/rectifications' });
		expect(atDesk['renovations']).toMatchObject({ count: 1 });
		expect(atDesk['renovations']!.items[0]!.reference).toMatch(/^Z\d{6}$/);
		// No goods release requested here: the desk's section is there, empty.
		expect(atDesk['releases-requested']).toMatchObject({ count: 0, items: [], href: '/staff/releases' });
		// Customer service manages surveys: the section is there, empty.
		expect(atDesk['survey-actions']).toMatchObject({ count: 0, items: [] });

		// The technician: the order assigned to it and its notice; no desk, quotes or callbacks; drawings wait for nobody yet.
		const technician = await homeOf(place.technician.id);
		expect(Object.keys(technician)).toEqual([
			'overdue-mine',
			'repairs-mine',
			'repairs-overdue',
			'complaints-mine',
			'rectifications',
			'renovations'
		]);
		expect(technician['overdue-mine']).toMatchObject({ count: 0 });
		expect(technician['repairs-mine']).toMatchObject({ count: 1 });
		expect(technician['repairs-overdue']).toMatchObject({ count: 0, items: [] });
		expect(technician['rectifications']).toMatchObject({ count: 1 });
		expect(technician['rectifications']!.title).not.toBe(atDesk['rectifications']!.title);
		expect(technician['renovations']).toMatchObject({ count: 0 });

		// The repair lead reviews the quote.
		const lead = await homeOf(place.staff.engineering_supervisor!.id);
		expect(lead['repairs-quotes']).toMatchObject({ count: 1, href: '/staff/repairs?quotes=1' });
		expect(lead['repairs-quotes']!.items.map((i) => i.href)).toEqual([`/staff/repairs/${worked.id}`]);
		expect(lead['repairs-unowned']).toBeUndefined();

		// Finance works from bills: only complaints passed to finance are theirs (none here).
		const finance = await makeStaff('Clerk', ['finance'], [place.estate.id]);
		expect(Object.keys(await homeOf(finance.id))).toEqual(['complaints-mine']);

		// Security's home: the day at the gate (slips to check, goods released, who moves in or out today),
		// and the complaints passed to it.
		const guard = await makeStaff('Guard', ['security'], [place.estate.id]);
		const gate = await homeOf(guard.id);
		expect(Object.keys(gate)).toEqual(['complaints-mine', 'renovations', 'releases-gate-today', 'releases-released-today', 'moves-today']);
		expect(gate['moves-today']).toMatchObject({ count: 1, href: '/staff/moves' });
		expect(gate['moves-today']!.items.map((i) => i.href)).toEqual([`/staff/moves/${busy.leaving.id}`]);
		expect((await homeOf(finance.id))['complaints-mine']).toMatchObject({ count: 0, items: [] });
	});

	it('counts only the actor’s estates: the same roles in another estate see nothing of this one', async () => {
		const { place } = await busyEstate('Harbour View');
		const other = await makeCallbackEstate('Central Plaza');
		for (const userId of [other.staff.customer_service!.id, other.staff.engineering_supervisor!.id, other.technician.id]) {
			const home = await homeOf(userId);
			for (const section of Object.values(home)) expect([section!.id, section!.count]).toEqual([section!.id, 0]);
		}
		// And a desk clerk of both estates sees this one's.
		const both = await makeStaff('Both', ['customer_service'], [place.estate.id, other.estate.id]);
		expect((await homeOf(both.id))['repairs-unowned']).toMatchObject({ count: 2 });
	});
});
