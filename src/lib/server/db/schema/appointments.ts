import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { estates } from './property.ts';

/**
 * A bookable visit window (約修時段) of an estate. bookedCount is kept in the row so that one
 * conditional UPDATE both checks and takes a place; the check constraint is the last line of
 * defence against overbooking.
 */
export const appointmentSlots = pgTable(
	'appointment_slots',
	{
		id: uuid().primaryKey().defaultRandom(),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		startsAt: timestamp({ withTimezone: true }).notNull(),
		endsAt: timestamp({ withTimezone: true }).notNull(),
		capacity: integer().notNull(),
		bookedCount: integer().notNull().default(0),
		/** Repair kind codes this slot is offered for; empty means any kind. */
		repairKindCodes: text()
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		note: text().notNull().default(''),
		createdBy: uuid().references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('appointment_slots_estate_start').on(t.estateId, t.startsAt),
		check('appointment_slots_capacity_positive', sql`${t.capacity} > 0`),
		check('appointment_slots_booked_within_capacity', sql`${t.bookedCount} >= 0 and ${t.bookedCount} <= ${t.capacity}`),
		check('appointment_slots_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`)
	]
);

/** A place taken in a slot for a subject (a repair order); cancelled bookings stay as history. */
export const appointmentBookings = pgTable(
	'appointment_bookings',
	{
		id: uuid().primaryKey().defaultRandom(),
		slotId: uuid()
			.notNull()
			.references(() => appointmentSlots.id),
		subjectType: text().notNull(),
		subjectId: uuid().notNull(),
		bookedBy: uuid().references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		cancelledAt: timestamp({ withTimezone: true })
	},
	(t) => [
		index('appointment_bookings_slot').on(t.slotId),
		uniqueIndex('appointment_bookings_one_active')
			.on(t.subjectType, t.subjectId)
			.where(sql`${t.cancelledAt} is null`)
	]
);
