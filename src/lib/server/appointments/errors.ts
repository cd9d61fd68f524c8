import { m } from '#lib/paraglide/messages.js';
import { InputError } from '../kernel/input-error.ts';

/**
 * The chosen slot cannot be booked (gone, started, or not offered for this estate or kind): a
 * message at the slot field. Kept apart from the plain InputError because callers and tests tell
 * "full" (someone was faster: pick another time) from "not offered".
 */
export class SlotUnavailableError extends InputError {
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
