import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { database, db, openPostgres, type Database } from '../db/client.ts';
import { appointmentBookings, appointmentSlots, auditLog } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import * as fx from '../property/testing/fixtures.ts';
import { createSlots, deleteSlot, listDaySlots, listOpenSlots } from './slots.ts';
import { activeBooking, bookSlot, cancelBooking, rescheduleBooking } from './bookings.ts';
import { InputError } from '../kernel/input-error.ts';
import { SlotFullError, SlotUnavailableError } from './errors.ts';
import { DEFAULT_TIME_ZONE, localClock, localDate } from '#lib/time/index.ts';
import type { SlotPlanInput } from '#lib/schemas/appointments.ts';

// The default zone (Hong Kong: UTC+8 all year, no daylight saving), so the clock times below are fixed.
const HK = DEFAULT_TIME_ZONE;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let estateA: { id: string };
let estateB: { id: string };
let engineerA: Actor;
let serviceA: Actor;
let admin: Actor;
let guard: Actor;
let resident: Actor;

/** A local date some days ahead, so generated slots are always in the future. */
const futureDate = (days: number) => localDate(new Date(Date.now() + days * DAY), HK);

async function slot(estateId: string, opts: { startsIn?: number; capacity?: number; booked?: number; kinds?: string[] } = {}) {
	const startsAt = new Date(Date.now() + (opts.startsIn ?? 2 * DAY));
	const [row] = await db()
		.insert(appointmentSlots)
		.values({
			estateId,
			startsAt,
			endsAt: new Date(startsAt.getTime() + HOUR),
			capacity: opts.capacity ?? 2,
			bookedCount: opts.booked ?? 0,
			repairKindCodes: opts.kinds ?? []
		})
		.returning();
	return row!;
}

const subject = () => ({ type: 'repair', id: randomUUID() });
const book = (slotId: string, s = subject(), extra: { estateId?: string; kindCode?: string } = {}) =>
	db().transaction((tx) => bookSlot(tx, { slotId, subject: s, actor: resident, ...extra }));
const bookedCount = async (slotId: string) =>
	(await db().select().from(appointmentSlots).where(eq(appointmentSlots.id, slotId)))[0]!.bookedCount;

async function inputError(promise: Promise<unknown>): Promise<InputError> {
	const err = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(InputError);
	return err as InputError;
}

const plan = (overrides: Partial<SlotPlanInput> = {}): SlotPlanInput => ({
	estateId: estateA.id,
	date: futureDate(7),
	from: '09:00',
	to: '12:00',
	lengthMinutes: 60,
	capacity: 2,
	kinds: [],
	...overrides
});

beforeAll(async () => {
	estateA = await fx.estate();
	estateB = await fx.estate();
	engineerA = await fx.staffActor(['engineering'], [estateA.id]);
	serviceA = await fx.staffActor(['customer_service'], [estateA.id]);
	admin = await fx.staffActor(['admin']);
	guard = await fx.staffActor(['security'], [estateA.id]);
	resident = await fx.actorOf((await fx.residentUser()).id);
});

describe('creating slots', () => {
	it('splits 09:00–12:00 into three hour slots of capacity 2 in Hong Kong time, and audits it', async () => {
		const date = futureDate(7);
		const { ids } = await createSlots(engineerA, plan({ date, kinds: ['plumbing'] }));
		expect(ids).toHaveLength(3);
		const slots = await listDaySlots(engineerA, { estateId: estateA.id, date });
		expect(slots.map((s) => `${localClock(s.startsAt, HK)}-${localClock(s.endsAt, HK)}`)).toEqual([
			'09:00-10:00',
			'10:00-11:00',
			'11:00-12:00'
		]);
		expect(slots.every((s) => s.capacity === 2 && s.bookedCount === 0 && s.repairKindCodes.join() === 'plumbing')).toBe(true);
		const audit = await db()
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'appointments.slots.create'), eq(auditLog.subjectId, estateA.id)));
		expect(audit.some((a) => a.actorId === engineerA.userId && a.detail.count === 3)).toBe(true);
	});

	it('refuses times that overlap slots already planned, at the start time', async () => {
		const date = futureDate(8);
		await createSlots(serviceA, plan({ date }));
		const err = await inputError(createSlots(serviceA, plan({ date, from: '11:30', to: '13:30' })));
		expect(err.field).toBe('from');
		expect((await listDaySlots(serviceA, { estateId: estateA.id, date })).length).toBe(3);
	});

	it('refuses bad plans at the field to correct', async () => {
		const date = futureDate(9);
		expect((await inputError(createSlots(engineerA, plan({ date, from: '12:00', to: '09:00' })))).field).toBe('to');
		expect((await inputError(createSlots(engineerA, plan({ date, capacity: 0 })))).field).toBe('capacity');
		expect((await inputError(createSlots(engineerA, plan({ date, capacity: 10000 })))).field).toBe('capacity');
		// 14 days × 288 five-minute slots: thousands of rows from one request.
		const flood = await inputError(createSlots(engineerA, plan({ date, days: 14, from: '00:00', to: '24:00', lengthMinutes: 5 })));
		expect(flood.field).toBe('lengthMinutes');
		expect((await inputError(createSlots(engineerA, plan({ date, kinds: ['no spaces'] })))).field).toBe('kinds');
		expect((await inputError(createSlots(engineerA, plan({ date: '2026-02-30' })))).field).toBe('date');
		expect((await inputError(createSlots(engineerA, plan({ date: futureDate(-2) })))).field).toBe('date');
		expect(await listDaySlots(engineerA, { estateId: estateA.id, date })).toEqual([]);
	});

	it('is refused without the permission (403) and outside the actor estates (404)', async () => {
		await expect(createSlots(guard, plan())).rejects.toMatchObject({ status: 403 });
		await expect(createSlots(resident, plan())).rejects.toMatchObject({ status: 403 });
		await expect(createSlots(engineerA, plan({ estateId: estateB.id }))).rejects.toMatchObject({ status: 404 });
		await expect(listDaySlots(engineerA, { estateId: estateB.id, date: futureDate(1) })).rejects.toMatchObject({ status: 404 });
		await expect(createSlots(admin, plan({ estateId: estateB.id, date: futureDate(10) }))).resolves.toMatchObject({
			ids: expect.any(Array)
		});
	});
});

describe('open slots', () => {
	it('lists only future slots with a place left that are offered for the kind', async () => {
		const e = await fx.estate();
		const past = await slot(e.id, { startsIn: -HOUR });
		const full = await slot(e.id, { capacity: 2, booked: 2 });
		const lastPlace = await slot(e.id, { startsIn: 3 * DAY, capacity: 2, booked: 1 });
		const plumbing = await slot(e.id, { startsIn: 4 * DAY, kinds: ['plumbing', 'drain'] });
		const electrical = await slot(e.id, { startsIn: 5 * DAY, kinds: ['electrical'] });
		const otherEstate = await slot(estateB.id);

		const ids = async (kindCode?: string) => (await listOpenSlots(db(), { estateId: e.id, kindCode })).map((s) => s.id);
		expect(await ids()).toEqual([lastPlace.id, plumbing.id, electrical.id]);
		expect(await ids('plumbing')).toEqual([lastPlace.id, plumbing.id]);
		expect(await ids('electrical')).toEqual([lastPlace.id, electrical.id]);
		const all = await ids();
		for (const hidden of [past.id, full.id, otherEstate.id]) expect(all).not.toContain(hidden);

		const window = await listOpenSlots(db(), {
			estateId: e.id,
			from: new Date(Date.now() + 3.5 * DAY),
			to: new Date(Date.now() + 4.5 * DAY)
		});
		expect(window.map((s) => s.id)).toEqual([plumbing.id]);
		expect(await listOpenSlots(db(), { estateId: 'not-a-uuid' })).toEqual([]);
	});
});

describe('booking', () => {
	it('takes a place, and the last place fills the slot', async () => {
		const s = await slot(estateA.id, { capacity: 2 });
		const first = await book(s.id);
		expect(first).toMatchObject({ slotId: s.id, startsAt: s.startsAt });
		expect(await bookedCount(s.id)).toBe(1);
		await book(s.id);
		expect(await bookedCount(s.id)).toBe(2);
		const err = await book(s.id).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(SlotFullError);
		expect((err as Error).message).toMatch(/just filled/);
		expect(await bookedCount(s.id)).toBe(2);
	});

	it('refuses a started slot, an unknown slot, another estate or another kind without taking a place', async () => {
		const past = await slot(estateA.id, { startsIn: -HOUR });
		await expect(book(past.id)).rejects.toBeInstanceOf(SlotUnavailableError);
		await expect(book(randomUUID())).rejects.toBeInstanceOf(SlotUnavailableError);
		await expect(book('nope')).rejects.toBeInstanceOf(SlotUnavailableError);
		const electrical = await slot(estateA.id, { kinds: ['electrical'] });
		const wrongKind = await book(electrical.id, subject(), { kindCode: 'plumbing' }).catch((e: unknown) => e);
		expect(wrongKind).toBeInstanceOf(SlotUnavailableError);
		expect(wrongKind).not.toBeInstanceOf(SlotFullError);
		await expect(book(electrical.id, subject(), { estateId: estateB.id })).rejects.toBeInstanceOf(SlotUnavailableError);
		expect(await bookedCount(electrical.id)).toBe(0);
		expect(await bookedCount(past.id)).toBe(0);
		await expect(book(electrical.id, subject(), { estateId: estateA.id, kindCode: 'electrical' })).resolves.toBeTruthy();
	});

	it('gives one subject one active booking', async () => {
		const s = await slot(estateA.id, { capacity: 3 });
		const who = subject();
		await book(s.id, who);
		const err = await book(s.id, who).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(InputError);
		expect(err).not.toBeInstanceOf(SlotUnavailableError);
		expect(await bookedCount(s.id)).toBe(1);
	});

	it('cancelling frees the place once, however often it is repeated', async () => {
		const s = await slot(estateA.id, { capacity: 1 });
		const who = subject();
		const booking = await book(s.id, who);
		expect(await db().transaction((tx) => cancelBooking(tx, booking.bookingId))).toBe(true);
		expect(await db().transaction((tx) => cancelBooking(tx, booking.bookingId))).toBe(false);
		expect(await bookedCount(s.id)).toBe(0);
		expect(await activeBooking(db(), who)).toBeNull();
		// The freed place can be booked again, also by the same subject.
		await book(s.id, who);
		expect(await bookedCount(s.id)).toBe(1);
	});

	it('rescheduling moves the place from the old slot to the new one', async () => {
		const from = await slot(estateA.id, { capacity: 1 });
		const to = await slot(estateA.id, { startsIn: 3 * DAY, capacity: 1 });
		const who = subject();
		const booking = await book(from.id, who);
		const moved = await db().transaction((tx) => rescheduleBooking(tx, booking.bookingId, to.id));
		expect(moved.slotId).toBe(to.id);
		expect(await bookedCount(from.id)).toBe(0);
		expect(await bookedCount(to.id)).toBe(1);
		expect((await activeBooking(db(), who))?.bookingId).toBe(moved.bookingId);
		const [old] = await db().select().from(appointmentBookings).where(eq(appointmentBookings.id, booking.bookingId));
		expect(old!.cancelledAt).not.toBeNull();
	});

	it('rescheduling into a full slot keeps the old booking and its place', async () => {
		const from = await slot(estateA.id, { capacity: 1 });
		const full = await slot(estateA.id, { startsIn: 3 * DAY, capacity: 1, booked: 1 });
		const who = subject();
		const booking = await book(from.id, who);
		await expect(db().transaction((tx) => rescheduleBooking(tx, booking.bookingId, full.id))).rejects.toBeInstanceOf(SlotFullError);
		expect((await activeBooking(db(), who))?.bookingId).toBe(booking.bookingId);
		expect(await bookedCount(from.id)).toBe(1);
		expect(await bookedCount(full.id)).toBe(1);
		await expect(db().transaction((tx) => rescheduleBooking(tx, randomUUID(), from.id))).rejects.toMatchObject({ status: 404 });
	});
});

describe('deleting slots', () => {
	it('deletes an empty future slot and refuses one that was ever booked', async () => {
		const empty = await slot(estateA.id);
		await deleteSlot(engineerA, empty.id);
		expect(await db().select().from(appointmentSlots).where(eq(appointmentSlots.id, empty.id))).toEqual([]);

		const used = await slot(estateA.id);
		const booking = await book(used.id);
		expect((await inputError(deleteSlot(engineerA, used.id))).field).toBe('');
		await db().transaction((tx) => cancelBooking(tx, booking.bookingId));
		// Emptied again, but its booking history stays attached to it.
		await inputError(deleteSlot(engineerA, used.id));

		const past = await slot(estateA.id, { startsIn: -HOUR });
		await inputError(deleteSlot(engineerA, past.id));
	});

	it('is refused without the permission and outside the actor estates', async () => {
		const s = await slot(estateB.id);
		await expect(deleteSlot(engineerA, s.id)).rejects.toMatchObject({ status: 404 });
		await expect(deleteSlot(guard, s.id)).rejects.toMatchObject({ status: 403 });
		await expect(deleteSlot(engineerA, 'nope')).rejects.toMatchObject({ status: 404 });
		expect(await bookedCount(s.id)).toBe(0);
	});
});

describe.runIf(process.env.TEST_DB === 'postgres')('the last place under contention (PostgreSQL)', () => {
	it('goes to exactly one of 20 bookers on 20 connections; the others hear the slot just filled', async () => {
		const s = await slot(estateA.id, { capacity: 3, booked: 2 });
		const handles: Database[] = await Promise.all(Array.from({ length: 20 }, () => openPostgres(database().url!)));
		try {
			// Every transaction is open on its own connection before any of them books.
			let arrived = 0;
			let release!: () => void;
			const allIn = new Promise<void>((resolve) => (release = resolve));
			const results = await Promise.allSettled(
				handles.map((h) =>
					h.db.transaction(async (tx) => {
						await tx.execute(sql`select 1`);
						if (++arrived === handles.length) release();
						await allIn;
						return bookSlot(tx, { slotId: s.id, subject: subject(), actor: resident });
					})
				)
			);
			const won = results.filter((r) => r.status === 'fulfilled');
			const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
			expect(won).toHaveLength(1);
			expect(lost).toHaveLength(19);
			for (const r of lost) expect(r.reason).toBeInstanceOf(SlotFullError);
			expect(await bookedCount(s.id)).toBe(3);
			const bookings = await db().select().from(appointmentBookings).where(eq(appointmentBookings.slotId, s.id));
			expect(bookings).toHaveLength(1);
		} finally {
			await Promise.all(handles.map((h) => h.close()));
		}
	});
});
