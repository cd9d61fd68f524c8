import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { appointmentBookings, appointmentSlots, events, notifications, repairKinds, repairOrders } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import * as fx from '../property/testing/fixtures.ts';
import { ensureDefaultDictionaries } from '../dictionaries/defaults.ts';
import { ensureDefaultCalendar } from '../calendar/store.ts';
import { InputError, StaleStateError } from '../kernel/input-error.ts';
import { waitingForMe } from '../staff-home/home.ts';
import { fileRepair } from './intake.ts';
import { assignRepair } from './desk.ts';
import { confirmOnSite, missAppointment, scheduleRepair } from './work.ts';
import { rescheduleRepair } from './resident.ts';
import { chooseOtherTime, confirmProposedTime } from './visit-time.ts';
import { repairDetail, staffQueue } from './queries.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let estateId: string;
let unitId: string;
let resident: Actor;
let neighbour: Actor;
let desk: Actor;
let tech: Actor;
let lead: Actor;
let otherTech: Actor;
let kindId: string;
let dayOffset = 2;

/** A future slot of the estate, each one on a day of its own. */
async function slot(capacity = 3) {
	const startsAt = new Date(Date.now() + dayOffset++ * DAY);
	const [row] = await db()
		.insert(appointmentSlots)
		.values({ estateId, startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR), capacity })
		.returning();
	return row!;
}

const bookedCount = async (slotId: string) =>
	(await db().select({ n: appointmentSlots.bookedCount }).from(appointmentSlots).where(eq(appointmentSlots.id, slotId)))[0]!.n;

async function order(id: string) {
	const [row] = await db().select().from(repairOrders).where(eq(repairOrders.id, id));
	return row!;
}

async function eventsOf(id: string) {
	return db()
		.select()
		.from(events)
		.where(and(eq(events.subjectType, 'repair'), eq(events.subjectId, id)))
		.orderBy(asc(events.id));
}

async function noticesTo(userId: string, repairId: string) {
	const rows = await db()
		.select({ kind: notifications.kind })
		.from(notifications)
		.where(and(eq(notifications.userId, userId), eq(notifications.subjectId, repairId)));
	return rows.map((row) => row.kind);
}

async function activeSlot(repairId: string) {
	const rows = await db()
		.select({ slotId: appointmentBookings.slotId, cancelledAt: appointmentBookings.cancelledAt })
		.from(appointmentBookings)
		.where(eq(appointmentBookings.subjectId, repairId));
	return rows.find((row) => row.cancelledAt === null)?.slotId ?? null;
}

/**
 * A common-area repair filed with a time, assigned and scheduled; then the technician cannot keep
 * the visit and proposes another slot. Returns the order and the slots.
 */
async function missedVisit() {
	const first = await slot();
	const proposed = await slot();
	const filed = await fileRepair(
		resident,
		{
			unitId,
			kindId,
			location: 'common_area',
			locationDetail: 'Lift lobby 12/F',
			description: 'The lift lobby light is out',
			contactName: 'Chan Tai Man',
			contactPhone: '+852 9123 4567',
			enterWhenAbsent: false,
			accessNotes: '',
			appointment: 'slot',
			slotId: first.id
		} as never,
		[]
	);
	await assignRepair(desk, filed.id, { mode: 'technician', technicianId: tech.userId, teamId: '', reason: '' });
	await scheduleRepair(tech, filed.id, { slotId: first.id });
	await missAppointment(tech, filed.id, { reason: 'The replacement part is late', slotId: proposed.id });
	return { id: filed.id, first, proposed };
}

beforeAll(async () => {
	await ensureDefaultDictionaries(db());
	await ensureDefaultCalendar(db());
	const [kind] = await db().select().from(repairKinds).where(eq(repairKinds.code, 'lighting'));
	kindId = kind!.id;
	const e = await fx.estate();
	estateId = e.id;
	const otherEstateId = (await fx.estate()).id;
	const b = await fx.building(estateId, 'A');
	const [u1, u2] = await fx.unitsIn(b, 2);
	unitId = u1!.id;
	const r = await fx.residentUser('Chan Tai Man');
	await fx.occupy(unitId, { userId: r.id });
	resident = await fx.actorOf(r.id);
	const n = await fx.residentUser('Wong Siu Ming');
	await fx.occupy(u2!.id, { userId: n.id });
	neighbour = await fx.actorOf(n.id);
	desk = await fx.staffActor(['customer_service'], [estateId]);
	tech = await fx.staffActor(['engineering'], [estateId]);
	lead = await fx.staffActor(['engineering_supervisor'], [estateId]);
	otherTech = await fx.staffActor(['engineering'], [otherEstateId]);
});

describe('a visit the technician cannot keep', () => {
	it('proposes another time that stands as the appointment, not confirmed, with the reason on record and the resident told', async () => {
		const { id, first, proposed } = await missedVisit();
		const row = await order(id);
		expect(row).toMatchObject({ state: 'scheduled', appointmentAgreement: 'proposed' });
		expect(await activeSlot(id)).toBe(proposed.id);
		expect(await bookedCount(first.id)).toBe(0);
		expect(await bookedCount(proposed.id)).toBe(1);
		const miss = (await eventsOf(id)).at(-1)!;
		expect(miss).toMatchObject({ kind: 'miss', fromState: 'scheduled', toState: 'scheduled', note: 'The replacement part is late' });
		expect(miss.data).toMatchObject({ slotId: proposed.id, missedStartsAt: first.startsAt.toISOString() });
		expect(await noticesTo(resident.userId, id)).toContain('repair.time_proposed');

		// The resident is offered both answers; moving the time by hand waits for the answer.
		const seen = await repairDetail(resident, id);
		expect(seen.actions).toEqual(expect.arrayContaining(['confirm_time', 'choose_time']));
		expect(seen.actions).not.toContain('reschedule');
		expect(seen.visit).toMatchObject({ state: 'proposed', reason: 'The replacement part is late', answeredAt: null });
		await expect(rescheduleRepair(resident, id, { slotId: first.id })).rejects.toBeInstanceOf(StaleStateError);

		// The desk sees it: the queue's filter and a section of the staff home.
		expect((await staffQueue(desk, { state: 'scheduled', timeUnconfirmed: true })).rows.map((r) => r.id)).toContain(id);
		const home = await waitingForMe(desk);
		expect(home.find((section) => section.id === 'repairs-unconfirmed')?.items.map((item) => item.href)).toContain(`/staff/repairs/${id}`);
	});

	it('refuses to propose the very slot that was missed', async () => {
		const { id, proposed } = await missedVisit();
		await expect(missAppointment(tech, id, { reason: 'Again', slotId: proposed.id })).rejects.toMatchObject({ field: 'slotId' });
	});
});

describe("the resident's answer", () => {
	it('confirms the proposed time: agreed, one event by the resident, the technician told, the proposal gone from the desk', async () => {
		const { id, proposed } = await missedVisit();
		await confirmProposedTime(resident, id, { slotId: proposed.id });
		expect(await order(id)).toMatchObject({ state: 'scheduled', appointmentAgreement: 'confirmed' });
		expect(await activeSlot(id)).toBe(proposed.id);
		const answer = (await eventsOf(id)).at(-1)!;
		expect(answer).toMatchObject({ kind: 'time_confirmed', actorId: resident.userId, fromState: 'scheduled', toState: 'scheduled' });
		expect(answer.data).toMatchObject({ slotId: proposed.id, byPhone: false });
		expect(await noticesTo(tech.userId, id)).toContain('repair.time_confirmed');
		expect((await repairDetail(tech, id)).visit).toMatchObject({ state: 'confirmed', byPhone: false });
		expect((await staffQueue(desk, { state: 'scheduled', timeUnconfirmed: true })).rows.map((r) => r.id)).not.toContain(id);

		// Answered once: a second answer is refused as stale and changes nothing.
		const before = (await eventsOf(id)).length;
		await expect(confirmProposedTime(resident, id, { slotId: proposed.id })).rejects.toBeInstanceOf(StaleStateError);
		await expect(chooseOtherTime(resident, id, { slotId: (await slot()).id })).rejects.toBeInstanceOf(StaleStateError);
		expect((await eventsOf(id)).length).toBe(before);
		// Moving it afterwards is an ordinary reschedule: no longer the agreed proposal.
		await rescheduleRepair(resident, id, { slotId: (await slot()).id });
		expect((await order(id)).appointmentAgreement).toBeNull();
	});

	it('refuses to confirm a time the technician has replaced since the page was read', async () => {
		const { id, proposed } = await missedVisit();
		const later = await slot();
		await missAppointment(tech, id, { reason: 'Still no part', slotId: later.id });
		const before = (await eventsOf(id)).length;
		await expect(confirmProposedTime(resident, id, { slotId: proposed.id })).rejects.toBeInstanceOf(StaleStateError);
		expect(await order(id)).toMatchObject({ appointmentAgreement: 'proposed' });
		expect((await eventsOf(id)).length).toBe(before);
		await confirmProposedTime(resident, id, { slotId: later.id });
		expect((await order(id)).appointmentAgreement).toBe('confirmed');
	});

	it('chooses another free slot instead: the booking moves, the proposed place is freed, the technician told', async () => {
		const { id, proposed } = await missedVisit();
		// Not the proposed slot itself (that is confirming it), and not a full one.
		await expect(chooseOtherTime(resident, id, { slotId: proposed.id })).rejects.toMatchObject({ field: 'slotId' });
		const full = await slot(1);
		await db().update(appointmentSlots).set({ bookedCount: 1 }).where(eq(appointmentSlots.id, full.id));
		const refused = await chooseOtherTime(resident, id, { slotId: full.id }).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(InputError);
		expect(refused).toMatchObject({ field: 'slotId' });

		const chosen = await slot();
		await chooseOtherTime(resident, id, { slotId: chosen.id });
		expect(await order(id)).toMatchObject({ state: 'scheduled', appointmentAgreement: 'chosen' });
		expect(await activeSlot(id)).toBe(chosen.id);
		expect(await bookedCount(proposed.id)).toBe(0);
		expect(await bookedCount(chosen.id)).toBe(1);
		const answer = (await eventsOf(id)).at(-1)!;
		expect(answer).toMatchObject({ kind: 'time_chosen', actorId: resident.userId });
		expect(answer.data).toMatchObject({ slotId: chosen.id, proposedStartsAt: proposed.startsAt.toISOString(), byPhone: false });
		expect(await noticesTo(tech.userId, id)).toContain('repair.time_chosen');
		const seen = await repairDetail(resident, id);
		expect(seen.visit).toMatchObject({ state: 'chosen', byPhone: false });
		expect(seen.booking?.slotId).toBe(chosen.id);
	});

	it('is recorded by the desk when the resident answers by phone, and the resident is told the agreed time', async () => {
		const { id } = await missedVisit();
		const chosen = await slot();
		await chooseOtherTime(desk, id, { slotId: chosen.id });
		const answer = (await eventsOf(id)).at(-1)!;
		expect(answer).toMatchObject({ kind: 'time_chosen', actorId: desk.userId });
		expect(answer.data).toMatchObject({ byPhone: true });
		expect(await noticesTo(resident.userId, id)).toContain('repair.time_agreed');
		expect(await noticesTo(tech.userId, id)).toContain('repair.time_chosen');
		expect((await repairDetail(resident, id)).visit).toMatchObject({ state: 'chosen', byPhone: true });

		const second = await missedVisit();
		await confirmProposedTime(desk, second.id, { slotId: second.proposed.id });
		expect((await eventsOf(second.id)).at(-1)!.data).toMatchObject({ byPhone: true });
	});

	it('is only the resident’s or the desk’s: the technician and supervisor are refused (403), another resident and another estate get 404', async () => {
		const { id, proposed } = await missedVisit();
		await expect(confirmProposedTime(tech, id, { slotId: proposed.id })).rejects.toMatchObject({ status: 403 });
		await expect(chooseOtherTime(lead, id, { slotId: (await slot()).id })).rejects.toMatchObject({ status: 403 });
		await expect(confirmProposedTime(neighbour, id, { slotId: proposed.id })).rejects.toMatchObject({ status: 404 });
		await expect(chooseOtherTime(neighbour, id, { slotId: (await slot()).id })).rejects.toMatchObject({ status: 404 });
		await expect(confirmProposedTime(otherTech, id, { slotId: proposed.id })).rejects.toMatchObject({ status: 404 });
		await expect(repairDetail(neighbour, id)).rejects.toMatchObject({ status: 404 });
		expect(await order(id)).toMatchObject({ appointmentAgreement: 'proposed' });
	});

	it('when the resident does nothing, the proposal stands: the technician arrives at it and the order still shows it was not confirmed', async () => {
		const { id, proposed } = await missedVisit();
		const arrivedAt = new Date(proposed.startsAt.getTime() + 12 * MINUTE);
		const arrival = await confirmOnSite(tech, id, { now: arrivedAt });
		expect(arrival.minutesAfterAppointment).toBe(12);
		expect(await order(id)).toMatchObject({ state: 'in_progress', appointmentAgreement: 'proposed' });
		// Too late to answer now; nor is it waiting at the desk any more.
		await expect(confirmProposedTime(resident, id, { slotId: proposed.id })).rejects.toBeInstanceOf(StaleStateError);
		expect((await staffQueue(desk, { state: '', timeUnconfirmed: true })).rows.map((r) => r.id)).not.toContain(id);
		expect((await repairDetail(desk, id)).visit).toMatchObject({ state: 'proposed', answeredAt: null });
	});
});

describe("the technician's arrival", () => {
	it('is recorded with the minutes after the appointed start it came, on the order and its event', async () => {
		const { id, proposed } = await missedVisit();
		await confirmProposedTime(resident, id, { slotId: proposed.id });
		const arrivedAt = new Date(proposed.startsAt.getTime() - 5 * MINUTE);
		await confirmOnSite(tech, id, { now: arrivedAt });
		expect((await order(id)).onSiteAt?.getTime()).toBe(arrivedAt.getTime());
		const start = (await eventsOf(id)).at(-1)!;
		expect(start).toMatchObject({ kind: 'start', fromState: 'scheduled', toState: 'in_progress' });
		expect(start.data).toEqual({ appointmentStartsAt: proposed.startsAt.toISOString(), minutesAfterAppointment: -5 });
	});
});
