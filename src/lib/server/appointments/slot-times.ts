/**
 * Local wall-clock ↔ instant conversions for appointment slots. Staff think in the estate's
 * local time ("Tuesday 09:00–12:00"); the database stores instants (timestamptz).
 */

import { instantAt, wallClock } from '../calendar/time-zone.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** 'YYYY-MM-DD' as the UTC midnight of that date, or null when it is not a real date. */
export function parseIsoDate(value: string): number | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return null;
	const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
	return new Date(day).toISOString().slice(0, 10) === value ? day : null;
}

/** 'HH:MM' (00:00 … 24:00) → minutes since midnight, or null. */
export function parseClock(value: string): number | null {
	const match = /^(\d{2}):(\d{2})$/.exec(value);
	if (!match) return null;
	const hours = Number(match[1]);
	const minutes = Number(match[2]);
	if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
	return hours * 60 + minutes;
}

/**
 * The instant at a local date and minute of day. A time skipped by a spring-forward gap lands
 * after the gap; a repeated autumn time takes its later occurrence.
 */
export function localInstant(date: string, minutes: number, timeZone: string): Date {
	const day = parseIsoDate(date);
	if (day === null) throw new RangeError(`Not a date: ${date}`);
	return new Date(instantAt(day + minutes * MINUTE, timeZone));
}

/** The local calendar date ('YYYY-MM-DD') of an instant in the zone. */
export function localDate(instant: Date, timeZone: string): string {
	return new Date(wallClock(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

/** 'HH:MM' of an instant on the zone's 24-hour clock (the same in every language we offer). */
export function localClock(instant: Date, timeZone: string): string {
	return new Date(wallClock(instant.getTime(), timeZone)).toISOString().slice(11, 16);
}

/** The instants bounding one local day: [start of the day, start of the next day). */
export function localDayRange(date: string, timeZone: string): { from: Date; to: Date } {
	const next = new Date(parseIsoDate(date)! + DAY).toISOString().slice(0, 10);
	return { from: localInstant(date, 0, timeZone), to: localInstant(next, 0, timeZone) };
}

export interface SlotPlan {
	/** First local date, 'YYYY-MM-DD'. */
	date: string;
	/** Consecutive days with the same pattern (1 = just `date`). */
	days: number;
	/** Minutes since local midnight; the last slot ends at or before `to`. */
	from: number;
	to: number;
	lengthMinutes: number;
}

/** How many slots a plan makes, without building them (so a huge request is refused cheaply). */
export function countSlots(plan: Omit<SlotPlan, 'date'>): number {
	if (plan.lengthMinutes <= 0 || plan.to <= plan.from) return 0;
	return Math.floor((plan.to - plan.from) / plan.lengthMinutes) * Math.max(0, plan.days);
}

/** Back-to-back slots of `lengthMinutes` from `from` to `to` on each day; a short remainder is dropped. */
export function planSlots(plan: SlotPlan, timeZone: string): { startsAt: Date; endsAt: Date }[] {
	const first = parseIsoDate(plan.date);
	if (first === null) throw new RangeError(`Not a date: ${plan.date}`);
	const perDay = countSlots({ ...plan, days: 1 });
	const slots: { startsAt: Date; endsAt: Date }[] = [];
	for (let d = 0; d < plan.days; d++) {
		const date = new Date(first + d * DAY).toISOString().slice(0, 10);
		for (let i = 0; i < perDay; i++) {
			const start = plan.from + i * plan.lengthMinutes;
			slots.push({
				startsAt: localInstant(date, start, timeZone),
				endsAt: localInstant(date, start + plan.lengthMinutes, timeZone)
			});
		}
	}
	return slots;
}
