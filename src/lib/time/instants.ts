/**
 * Instants (a Date, stored as timestamptz) ↔ wall-clock dates and times in a time zone. Reading an
 * instant's local date or clock needs only Intl (wallClock), so pages that group times by day carry
 * no library; building an instant from a wall time uses @internationalized/date (server side in
 * practice), which resolves gaps and overlaps explicitly — chosen over the Temporal polyfill
 * (~20 KB) because Lobby needs zones and calendar dates, not the whole of Temporal.
 */
import { CalendarDateTime, parseDate, toZoned } from '@internationalized/date';
import { parseClock, parseDate as parseBusinessDate, type BusinessDate } from './dates.ts';
import { wallClock } from './format.ts';
import { addMonths, firstDay, type Month } from './months.ts';

/** Anything with a zone: an estate row, a working calendar. */
export interface Zoned {
	timeZone: string;
}

/** The calendar date of an instant in the zone. */
export function localDate(instant: Date, timeZone: string): BusinessDate {
	const { year, month, day } = wallClock(instant, timeZone);
	return `${year}-${month}-${day}`;
}

/** 'HH:MM' of an instant on the zone's 24-hour clock. */
export function localClock(instant: Date, timeZone: string): string {
	const { hour, minute } = wallClock(instant, timeZone);
	return `${hour}:${minute}`;
}

/**
 * The instant at a local date and minute of day (1440 = the next midnight). A time skipped by a
 * spring-forward gap lands after the gap; a repeated autumn time takes its later occurrence.
 */
export function localInstant(date: BusinessDate, minutes: number, timeZone: string): Date {
	const day = parseDate(date).add({ days: Math.floor(minutes / 1440) });
	const rest = minutes - Math.floor(minutes / 1440) * 1440;
	const wall = new CalendarDateTime(day.year, day.month, day.day, Math.floor(rest / 60), Math.floor(rest % 60));
	return toZoned(wall, timeZone, 'later').toDate();
}

/**
 * The instant of 'YYYY-MM-DDTHH:MM' (what <input type="datetime-local"> posts) read in the zone,
 * or null when it is no real date and time.
 */
export function parseLocalDateTime(value: string, timeZone: string): Date | null {
	const [date = '', time = ''] = value.split('T');
	const day = parseBusinessDate(date);
	const minutes = parseClock(time.slice(0, 5));
	return day && minutes !== null ? localInstant(day, minutes, timeZone) : null;
}

/** The instant as 'YYYY-MM-DDTHH:MM' in the zone: the value a datetime-local input starts from. */
export function localDateTimeValue(instant: Date, timeZone: string): string {
	const { year, month, day, hour, minute } = wallClock(instant, timeZone);
	return `${year}-${month}-${day}T${hour}:${minute}`;
}

/** The instants bounding one local day: [its first instant, the next day's first instant). */
export function dayBounds(date: BusinessDate, timeZone: string): { from: Date; to: Date } {
	return { from: localInstant(date, 0, timeZone), to: localInstant(date, 1440, timeZone) };
}

/** The instants bounding a local month: [its first instant, the next month's first instant). */
export function monthBounds(month: Month, timeZone: string): { from: Date; to: Date } {
	return { from: localInstant(firstDay(month), 0, timeZone), to: localInstant(firstDay(addMonths(month, 1)), 0, timeZone) };
}

/**
 * Today in the estate: the business date bills fall due by, occupancies start and end by, and
 * reminders count from. The one answer to "what day is it" on the server.
 */
export function businessToday(estate: Zoned, now: Date = new Date()): BusinessDate {
	return localDate(now, estate.timeZone);
}

/** The local month an instant falls in. */
export function localMonth(instant: Date, timeZone: string): Month {
	return localDate(instant, timeZone).slice(0, 7);
}
