/**
 * Working-time arithmetic for SLA deadlines: pure functions over an office calendar (hours per
 * weekday in local time, holidays, a time zone). Dates and instants come from the one time
 * module (#lib/time); this file holds only the rule "count minutes inside opening hours".
 *
 * Working minutes are real elapsed minutes inside opening hours: on a day when clocks change
 * during opening hours, that day simply has an hour more or less of working time.
 */
import { addDays, localDate, localInstant, weekday, type BusinessDate } from '#lib/time/index.ts';

/** One day's opening hours in minutes since local midnight; end may be 1440 (midnight). */
export interface DayHours {
	start: number;
	end: number;
}

/** Indexed by weekday, 0 = Sunday … 6 = Saturday; null = closed all day. */
export type WeekHours = readonly [
	DayHours | null,
	DayHours | null,
	DayHours | null,
	DayHours | null,
	DayHours | null,
	DayHours | null,
	DayHours | null
];

export interface WorkingCalendar {
	/** The estate's IANA zone; opening hours and holidays are read in it. */
	timeZone: string;
	hours: WeekHours;
	/** Local dates 'YYYY-MM-DD' on which the office is closed. */
	holidays: ReadonlySet<BusinessDate>;
}

/** Mon–Fri 09:00–18:00, Sat 09:00–13:00, Sun closed: the management office's usual hours. */
export const DEFAULT_WEEK_HOURS: WeekHours = [
	null,
	{ start: 9 * 60, end: 18 * 60 },
	{ start: 9 * 60, end: 18 * 60 },
	{ start: 9 * 60, end: 18 * 60 },
	{ start: 9 * 60, end: 18 * 60 },
	{ start: 9 * 60, end: 18 * 60 },
	{ start: 9 * 60, end: 13 * 60 }
];

const MINUTE = 60_000;
/** A search that finds no opening within ten years means the calendar is closed for good. */
const MAX_DAYS = 3660;

/** The opening window of a local day as instants (ms), or null when the office is closed. */
function openingWindow(day: BusinessDate, calendar: WorkingCalendar): [number, number] | null {
	const hours = calendar.hours[weekday(day)];
	if (!hours || hours.end <= hours.start || calendar.holidays.has(day)) return null;
	return [localInstant(day, hours.start, calendar.timeZone).getTime(), localInstant(day, hours.end, calendar.timeZone).getTime()];
}

function assertOpenSometimes(calendar: WorkingCalendar): void {
	if (!calendar.hours.some((h) => h && h.end > h.start)) {
		throw new RangeError('The working calendar has no opening hours on any weekday.');
	}
}

function assertValid(date: Date, name: string): number {
	const time = date.getTime();
	if (Number.isNaN(time)) throw new RangeError(`${name} is not a valid date`);
	return time;
}

/**
 * The instant at which `minutes` working minutes have passed since `start`. A start outside
 * opening hours counts from the next opening; a deadline that uses up a day's hours exactly
 * falls due at that day's closing time.
 */
export function addWorkingMinutes(start: Date, minutes: number, calendar: WorkingCalendar): Date {
	const from = assertValid(start, 'start');
	if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be ≥ 0, got ${minutes}`);
	assertOpenSometimes(calendar);
	let remaining = minutes * MINUTE;
	let day = localDate(start, calendar.timeZone);
	for (let i = 0; i < MAX_DAYS; i++, day = addDays(day, 1)) {
		const open = openingWindow(day, calendar);
		if (!open) continue;
		const begin = Math.max(open[0], from);
		if (begin > open[1]) continue;
		const available = open[1] - begin;
		if (remaining <= available) return new Date(begin + remaining);
		remaining -= available;
	}
	throw new RangeError(`No working time found within ${MAX_DAYS} days of ${start.toISOString()}.`);
}

/**
 * Working minutes between two instants (negative when `to` is before `from`), e.g. how long a
 * repair waited for its first response, or how far past its deadline it is. May be fractional.
 */
export function workingMinutesBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
	const a = assertValid(from, 'from');
	const b = assertValid(to, 'to');
	if (b < a) return -workingMinutesBetween(to, from, calendar);
	let total = 0;
	const last = localDate(to, calendar.timeZone);
	for (let day = localDate(from, calendar.timeZone); day <= last; day = addDays(day, 1)) {
		const open = openingWindow(day, calendar);
		if (!open) continue;
		const begin = Math.max(open[0], a);
		const end = Math.min(open[1], b);
		if (end > begin) total += end - begin;
	}
	return total / MINUTE;
}

/**
 * The office day on which a limit of `days` working days from `start` runs out: the `days`-th day
 * the office opens after the day of `start` (a step begun on Monday with 1 working day is due by
 * Tuesday's closing). Limits in working days (a renovation review's) are counted this way.
 */
export function addWorkingDays(start: Date, days: number, calendar: WorkingCalendar): BusinessDate {
	assertValid(start, 'start');
	if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
	assertOpenSometimes(calendar);
	let day = localDate(start, calendar.timeZone);
	for (let counted = 0, i = 0; counted < days; i++) {
		if (i >= MAX_DAYS) throw new RangeError(`No working day found within ${MAX_DAYS} days of ${start.toISOString()}.`);
		day = addDays(day, 1);
		if (openingWindow(day, calendar)) counted++;
	}
	return day;
}
