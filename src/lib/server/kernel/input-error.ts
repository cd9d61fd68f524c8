import type { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';

/**
 * Input a person must fix: the route shows `message` (already in the request's language) at
 * `field` ('' = above the form). Services of every domain throw this one class; anything else
 * they throw is a real failure. Routes never compare message texts: they read `field`.
 */
export class InputError extends Error {
	readonly field: string;
	constructor(field: string, message: string) {
		super(message);
		this.name = 'InputError';
		this.field = field;
	}
}

/**
 * The case moved on since the page was drawn (someone else took it, the resident cancelled): the
 * action is no longer open. Routes show the message above the form, and the reloaded page shows
 * where the case stands now.
 */
export class StaleStateError extends InputError {
	constructor(message: string = m.case_state_changed()) {
		super('', message);
		this.name = 'StaleStateError';
	}
}

/**
 * Services re-validate what routes already checked (a service is the contract; a route is one
 * caller): the first problem becomes a field message instead of a 500.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	throw new InputError(String(issue?.path[0] ?? ''), issue?.message ?? m.field_required());
}
