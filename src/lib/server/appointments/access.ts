import { error } from '@sveltejs/kit';
import { type Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { DEFAULT_TIME_ZONE } from '../calendar/working-time.ts';

/** Managing slots is back-office work: residents and contractors are refused whatever their roles. */
export function requireAppointments(actor: Actor | null | undefined): asserts actor is Actor {
	requireStaff(actor, 'appointments.manage');
	if (actor.kind !== 'staff') error(403, 'Forbidden');
}

/**
 * The zone an estate's slots are planned and shown in. Estates carry no zone of their own yet;
 * every estate is in Hong Kong, so this is the one place to change when that stops being true.
 */
export function estateTimeZone(_estateId: string): string {
	return DEFAULT_TIME_ZONE;
}
