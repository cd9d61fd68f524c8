/**
 * Business dates ('YYYY-MM-DD'): the day a bill is due, an occupancy starts, a holiday falls.
 * They carry no time zone; which date "today" is depends on the estate (see businessToday).
 */
import { CalendarDate, parseDate as parseCalendarDate } from '@internationalized/date';

export type BusinessDate = string;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function calendarDate(date: BusinessDate): CalendarDate {
	const parsed = parseDate(date);
	if (!parsed) throw new RangeError(`Not a date 'YYYY-MM-DD': '${date}'.`);
	return parseCalendarDate(parsed);
}

/** The date when `value` is a real calendar date 'YYYY-MM-DD' (years 1900–2999), else null. */
export function parseDate(value: string | null | undefined): BusinessDate | null {
	if (!value || !DATE.test(value)) return null;
	const year = Number(value.slice(0, 4));
	if (year < 1900 || year > 2999) return null;
	try {
		return parseCalendarDate(value).toString() === value ? value : null;
	} catch {
		return null;
	}
}

/** The date `days` after (or before, when negative) `date`. */
export function addDays(date: BusinessDate, days: number): BusinessDate {
	return calendarDate(date).add({ days }).toString();
}

/** The same day `months` later (or earlier), the end of a shorter month when it has no such day (29 Feb → 28 Feb). */
export function addMonthsToDate(date: BusinessDate, months: number): BusinessDate {
	return calendarDate(date).add({ months }).toString();
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday, the same for every locale. */
export function weekday(date: BusinessDate): number {
	return new Date(`${calendarDate(date).toString()}T00:00:00Z`).getUTCDay();
}

/** 'HH:MM' (00:00 … 24:00) → minutes since midnight, or null. */
export function parseClock(value: string): number | null {
	const match = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(value);
	if (!match) return null;
	const hours = Number(match[1]);
	const minutes = Number(match[2]);
	if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
	return hours * 60 + minutes;
}

/** Minutes since midnight → 'HH:MM'. */
export function formatClock(minutes: number): string {
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
