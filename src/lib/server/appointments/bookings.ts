import { error } from '@sveltejs/kit';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client.ts';
import { appointmentBookings, appointmentSlots } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { m } from '#lib/paraglide/messages.js';
import { InputError } from '../kernel/input-error.ts';
import { rethrowUnique } from '../kernel/unique-violation.ts';
import { SlotFullError, SlotUnavailableError } from './errors.ts';
import { slotOffersKind } from './slots.ts';

/** What an appointment is for: a repair order later, named by type so the table stays generic. */
export interface BookingSubject {
	type: string;
	id: string;
}

export interface Booking {
	bookingId: string;
	slotId: string;
	startsAt: Date;
	endsAt: Date;
}

export interface SlotConditions {
	/** Refuse a slot of another estate (the subject's estate). */
	estateId?: string;
	/** Refuse a slot not offered for this repair kind. */
	kindCode?: string | null;
}

/**
 * Takes one place with a single conditional UPDATE: the row lock it takes makes concurrent
 * bookers queue, and each re-checks `booked_count < capacity` against the committed count, so
 * the last place goes to exactly one of them. No read-then-write, so no window to overbook.
 */
async function takePlace(tx: Tx, slotId: string, conditions: SlotConditions): Promise<{ id: string; startsAt: Date; endsAt: Date }> {
	if (!isUuid(slotId) || (conditions.estateId !== undefined && !isUuid(conditions.estateId))) throw new SlotUnavailableError();
	const [slot] = await tx
		.update(appointmentSlots)
		.set({ bookedCount: sql`${appointmentSlots.bookedCount} + 1` })
		.where(
			and(
				eq(appointmentSlots.id, slotId),
				lt(appointmentSlots.bookedCount, appointmentSlots.capacity),
				sql`${appointmentSlots.startsAt} > now()`,
				conditions.estateId ? eq(appointmentSlots.estateId, conditions.estateId) : undefined,
				conditions.kindCode ? slotOffersKind(conditions.kindCode) : undefined
			)
		)
		.returning({ id: appointmentSlots.id, startsAt: appointmentSlots.startsAt, endsAt: appointmentSlots.endsAt });
	if (slot) return slot;
	// Only to choose the message: the UPDATE above already decided.
	const [seen] = await tx
		.select({ full: sql<boolean>`${appointmentSlots.bookedCount} >= ${appointmentSlots.capacity}` })
		.from(appointmentSlots)
		.where(
			and(
				eq(appointmentSlots.id, slotId),
				sql`${appointmentSlots.startsAt} > now()`,
				conditions.estateId ? eq(appointmentSlots.estateId, conditions.estateId) : undefined,
				conditions.kindCode ? slotOffersKind(conditions.kindCode) : undefined
			)
		);
	throw seen?.full ? new SlotFullError() : new SlotUnavailableError();
}

/** The subject's current (not cancelled) booking, if any. */
export async function activeBooking(executor: Executor, subject: BookingSubject): Promise<Booking | null> {
	if (!isUuid(subject.id)) return null;
	const [row] = await executor
		.select({
			bookingId: appointmentBookings.id,
			slotId: appointmentBookings.slotId,
			startsAt: appointmentSlots.startsAt,
			endsAt: appointmentSlots.endsAt
		})
		.from(appointmentBookings)
		.innerJoin(appointmentSlots, eq(appointmentSlots.id, appointmentBookings.slotId))
		.where(
			and(
				eq(appointmentBookings.subjectType, subject.type),
				eq(appointmentBookings.subjectId, subject.id),
				isNull(appointmentBookings.cancelledAt)
			)
		);
	return row ?? null;
}

/**
 * Books a place in a slot for the subject, inside the caller's transaction (which also saves the
 * subject). The caller has checked that the actor may act for the subject. Throws SlotFullError
 * when the last place went to someone else, SlotUnavailableError when the slot is gone, started
 * or not offered for the estate/kind, and an InputError at the slot when the subject already has one.
 */
export async function bookSlot(
	tx: Tx,
	args: { slotId: string; subject: BookingSubject; actor: Pick<Actor, 'userId'> | null } & SlotConditions
): Promise<Booking> {
	if (!isUuid(args.subject.id)) throw new TypeError('A booking subject id must be a uuid');
	if (await activeBooking(tx, args.subject)) {
		throw new InputError('slotId', m.appointments_already_booked());
	}
	const slot = await takePlace(tx, args.slotId, args);
	try {
		const [booking] = await tx
			.insert(appointmentBookings)
			.values({ slotId: slot.id, subjectType: args.subject.type, subjectId: args.subject.id, bookedBy: args.actor?.userId ?? null })
			.returning({ id: appointmentBookings.id });
		return { bookingId: booking!.id, slotId: slot.id, startsAt: slot.startsAt, endsAt: slot.endsAt };
	} catch (err) {
		// Two bookings for the same subject raced past the check above; the unique index decided.
		rethrowUnique(err, { appointment_bookings_one_active: () => new InputError('slotId', m.appointments_already_booked()) });
	}
}

/**
 * Cancels a booking and frees its place. Idempotent: a booking already cancelled (or unknown)
 * changes nothing and answers false.
 */
export async function cancelBooking(tx: Tx, bookingId: string): Promise<boolean> {
	if (!isUuid(bookingId)) return false;
	const [cancelled] = await tx
		.update(appointmentBookings)
		.set({ cancelledAt: sql`now()` })
		.where(and(eq(appointmentBookings.id, bookingId), isNull(appointmentBookings.cancelledAt)))
		.returning({ slotId: appointmentBookings.slotId });
	if (!cancelled) return false;
	await tx
		.update(appointmentSlots)
		.set({ bookedCount: sql`${appointmentSlots.bookedCount} - 1` })
		.where(eq(appointmentSlots.id, cancelled.slotId));
	return true;
}

/**
 * Moves a booking to another slot. The new place is taken first, so when it fails (full, gone)
 * the old booking is untouched; the old place is freed only after. Run it in one transaction.
 */
export async function rescheduleBooking(
	tx: Tx,
	bookingId: string,
	newSlotId: string,
	options: { actor?: Pick<Actor, 'userId'> | null } & SlotConditions = {}
): Promise<Booking> {
	const [current] = isUuid(bookingId)
		? await tx
				.select()
				.from(appointmentBookings)
				.where(and(eq(appointmentBookings.id, bookingId), isNull(appointmentBookings.cancelledAt)))
				.for('update')
		: [];
	if (!current) error(404, 'Not found');
	if (current.slotId === newSlotId) {
		const booking = await activeBooking(tx, { type: current.subjectType, id: current.subjectId });
		return booking!;
	}
	const slot = await takePlace(tx, newSlotId, options);
	await cancelBooking(tx, current.id);
	const [booking] = await tx
		.insert(appointmentBookings)
		.values({
			slotId: slot.id,
			subjectType: current.subjectType,
			subjectId: current.subjectId,
			bookedBy: options.actor === undefined ? current.bookedBy : (options.actor?.userId ?? null)
		})
		.returning({ id: appointmentBookings.id });
	return { bookingId: booking!.id, slotId: slot.id, startsAt: slot.startsAt, endsAt: slot.endsAt };
}
