import { m } from '#lib/paraglide/messages.js';
import { InputError } from '#lib/server/kernel/input-error.ts';

/** Input the user must fix; the route shows `message` at `field` ('' = the whole form). */
export class RepairInputError extends InputError {
	constructor(field: string, message: string) {
		super(field, message);
		this.name = 'RepairInputError';
	}
}

/**
 * The order moved on since the page was drawn (someone else assigned it, the resident cancelled):
 * the action is no longer open. Routes show the message above the form and reload the order.
 */
export class RepairStateError extends RepairInputError {
	constructor(message: string = m.repairs_state_changed()) {
		super('', message);
		this.name = 'RepairStateError';
	}
}
