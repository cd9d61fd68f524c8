/**
 * The one reading of a visit time as a person types it (<input type="datetime-local">, the estate's
 * wall clock): a real time, not past, and within a year — for the office's booking and the
 * resident's proposal alike.
 */
import { m } from '#lib/paraglide/messages.js';
import { parseLocalDateTime } from '#lib/time/index.ts';
import { InputError } from '../kernel/input-error.ts';

const MAX_DAYS_AHEAD = 366;

export function readVisitTime(typed: string, timeZone: string, now: Date, field = 'startsAt'): Date {
	const at = parseLocalDateTime(typed, timeZone);
	if (!at) throw new InputError(field, m.field_date_invalid());
	if (at.getTime() <= now.getTime()) throw new InputError(field, m.visit_time_past());
	if (at.getTime() > now.getTime() + MAX_DAYS_AHEAD * 86_400_000) throw new InputError(field, m.visit_time_too_far());
	return at;
}

/** Whether the time a form was shown (ISO) is still the one on the record. */
export function sameInstant(shown: string, current: Date | null): boolean {
	const at = new Date(shown);
	return current !== null && !Number.isNaN(at.getTime()) && at.getTime() === current.getTime();
}
