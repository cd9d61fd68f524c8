/**
 * Times and dates as a person reads them, in their language and the estate's zone. Pages render
 * on the server, so 10:18 in Hong Kong shows as 10:18 whatever the server's own zone is; the
 * zone is always passed in, never taken from the machine.
 */
import { getLocale } from '#lib/paraglide/runtime.js';
import type { BusinessDate } from './dates.ts';
import type { Month } from './months.ts';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale}|${JSON.stringify(options)}`;
	let format = cache.get(key);
	if (!format) cache.set(key, (format = new Intl.DateTimeFormat(locale, options)));
	return format;
}

const at = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/** '2 Dec 2026, 10:18' — an instant with date and time. */
export function dateTime(value: Date | string, timeZone: string, locale: string = getLocale()): string {
	return formatter(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(at(value));
}

/** '2 Dec 2026' — the local date of an instant. */
export function dateOf(value: Date | string, timeZone: string, locale: string = getLocale()): string {
	return formatter(locale, { timeZone, dateStyle: 'medium' }).format(at(value));
}

/** 'Wed, 2 Dec' — a day heading in a list of times. */
export function dayHeading(value: Date | string, timeZone: string, locale: string = getLocale()): string {
	return formatter(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(at(value));
}

/** '10:18' on a 24-hour clock. */
export function clockTime(value: Date | string, timeZone: string, locale: string = getLocale()): string {
	return formatter(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at(value));
}

/** 'Wed, 2 Dec, 09:00–12:00' — an appointment window. */
export function timeWindow(startsAt: Date | string, endsAt: Date | string, timeZone: string, locale: string = getLocale()): string {
	return `${dayHeading(startsAt, timeZone, locale)}, ${clockTime(startsAt, timeZone, locale)}–${clockTime(endsAt, timeZone, locale)}`;
}

/** The zone's name in the reader's language ('Hong Kong Standard Time'). */
export function zoneName(timeZone: string, locale: string = getLocale()): string {
	return (
		formatter(locale, { timeZone, timeZoneName: 'long' })
			.formatToParts(new Date())
			.find((p) => p.type === 'timeZoneName')?.value ?? timeZone
	);
}

/** '2 Dec 2026' — a business date, which has no zone. */
export function businessDate(date: BusinessDate, locale: string = getLocale()): string {
	return formatter(locale, { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(`${date}T00:00:00Z`));
}

/** 'December 2026' — a billing period or report month. */
export function monthName(month: Month, locale: string = getLocale()): string {
	return formatter(locale, { timeZone: 'UTC', year: 'numeric', month: 'long' }).format(new Date(`${month}-01T00:00:00Z`));
}

/**
 * The wall clock of an instant in the zone, as zero-padded numbers ('2026', '11', '22', '14', '05'),
 * from the runtime's own zone data; localDate and localClock read it, so pages that show dates
 * carry no calendar library.
 */
export function wallClock(value: Date | string, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
	const minute = Math.floor(at(value).getTime() / 60_000);
	const key = `${timeZone}|${minute}`;
	let clock = wallClocks.get(key);
	if (!clock) {
		const parts = Object.fromEntries(
			formatter('en-CA', {
				timeZone,
				year: 'numeric',
				month: '2-digit',
				day: '2-digit',
				hour: '2-digit',
				minute: '2-digit',
				hourCycle: 'h23'
			})
				.formatToParts(at(value))
				.map((part) => [part.type, part.value])
		);
		clock = { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
		// Most reads are of now, in a few zones: a handful of minutes is plenty.
		if (wallClocks.size >= 256) wallClocks.clear();
		wallClocks.set(key, clock);
	}
	return { ...clock };
}

/** Recent answers of wallClock: formatToParts took 1–2 % of a page view's server time. */
const wallClocks = new Map<string, Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>>();

/** '2026-11-22 14:05' in the zone: one form readable in every language (receipts, exports). */
export function numericDateTime(value: Date | string, timeZone: string): string {
	const { year, month, day, hour, minute } = wallClock(value, timeZone);
	return `${year}-${month}-${day} ${hour}:${minute}`;
}
