import type { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';

/** The input broke an appointment rule; the route shows `message` at `field` ('' = the whole form). */
export class AppointmentInputError extends Error {
	readonly field: string;
	constructor(field: string, message: string) {
		super(message);
		this.name = 'AppointmentInputError';
		this.field = field;
	}
}

/** The chosen slot cannot be booked (gone, started, or not offered for this estate or kind). */
export class SlotUnavailableError extends AppointmentInputError {
	constructor(message: string = m.appointments_slot_unavailable()) {
		super('slotId', message);
		this.name = 'SlotUnavailableError';
	}
}

/** Every place in the slot is taken — usually by someone who booked a moment earlier. */
export class SlotFullError extends SlotUnavailableError {
	constructor() {
		super(m.appointments_slot_full());
		this.name = 'SlotFullError';
	}
}

/** Services re-validate what routes already checked; the first problem becomes a field message. */
export function parseAppointmentInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	throw new AppointmentInputError(String(issue?.path[0] ?? ''), issue?.message ?? 'Invalid input');
}

/** A unique index refused the row (PostgreSQL 23505); drizzle wraps driver errors in `cause`. */
export function isUniqueViolation(err: unknown): boolean {
	for (let e = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
		if ((e as { code?: unknown }).code === '23505') return true;
	}
	return false;
}
