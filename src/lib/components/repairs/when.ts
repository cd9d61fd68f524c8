// Dates and times of repairs in the estate's time zone (never the reader's device zone), so the
// page says the same on the server and in the browser and matches what the office sees.
import { getLocale } from '#lib/paraglide/runtime.js';

export const ESTATE_TIME_ZONE = 'Asia/Hong_Kong';

function format(value: Date | string, options: Intl.DateTimeFormatOptions, timeZone = ESTATE_TIME_ZONE): string {
	return new Intl.DateTimeFormat(getLocale(), { timeZone, ...options }).format(new Date(value));
}

/** "24 Nov 2026, 14:05" */
export function dateTime(value: Date | string, timeZone?: string): string {
	return format(value, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }, timeZone);
}

/** "24 Nov 2026" */
export function dateOnly(value: Date | string, timeZone?: string): string {
	return format(value, { dateStyle: 'medium' }, timeZone);
}

/** "Mon, 24 Nov" — a day heading in a list of appointment times. */
export function dayHeading(value: Date | string, timeZone?: string): string {
	return format(value, { weekday: 'short', day: 'numeric', month: 'short' }, timeZone);
}

/** "09:00" */
export function clock(value: Date | string, timeZone?: string): string {
	return format(value, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, timeZone);
}

/** "Mon, 24 Nov, 09:00–11:00" */
export function timeWindow(startsAt: Date | string, endsAt: Date | string, timeZone?: string): string {
	return `${dayHeading(startsAt, timeZone)}, ${clock(startsAt, timeZone)}–${clock(endsAt, timeZone)}`;
}

/** The local calendar day (YYYY-MM-DD) an instant falls on, to group times by day. */
export function dayKey(value: Date | string, timeZone = ESTATE_TIME_ZONE): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(value));
}
