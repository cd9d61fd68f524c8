import { sql } from 'drizzle-orm';
import { check, date, pgTable, smallint, text, time, timestamp } from 'drizzle-orm/pg-core';

/**
 * Public holidays: no working hours on these dates, for every estate. Dictionary data an admin
 * edits; ensureDefaultCalendar() seeds the Hong Kong general holidays.
 */
export const holidays = pgTable('holidays', {
	date: date({ mode: 'string' }).primaryKey(),
	name: text().notNull(),
	createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
});

/**
 * Office hours per weekday (0 = Sunday … 6 = Saturday) in local time; a closed day has no times.
 * SLA deadlines count only these hours (src/lib/server/calendar/working-time.ts).
 */
export const workingHours = pgTable(
	'working_hours',
	{
		weekday: smallint().primaryKey(),
		opensAt: time(),
		closesAt: time()
	},
	(t) => [
		check('working_hours_weekday', sql`${t.weekday} between 0 and 6`),
		check(
			'working_hours_open_before_close',
			sql`(${t.opensAt} is null) = (${t.closesAt} is null) and (${t.opensAt} is null or ${t.opensAt} < ${t.closesAt})`
		)
	]
);
