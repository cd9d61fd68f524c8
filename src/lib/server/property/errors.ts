import type { z } from 'zod';

/** The input broke a registry rule; the route shows `message` at `field` ('' = the whole form). */
export class RegistryInputError extends Error {
	readonly field: string;
	constructor(field: string, message: string) {
		super(message);
		this.name = 'RegistryInputError';
		this.field = field;
	}
}

/**
 * Services re-validate what routes already checked (services are the contract, routes are one
 * caller); the first problem becomes a field message instead of a 500.
 */
export function parseRegistryInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	throw new RegistryInputError(String(issue?.path[0] ?? ''), issue?.message ?? 'Invalid input');
}

/** A unique index refused the row (PostgreSQL 23505); drizzle wraps driver errors in `cause`. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
	for (let e = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
		const pg = e as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
		if (pg.code === '23505') {
			return !constraint || pg.constraint === constraint || pg.constraint_name === constraint;
		}
	}
	return false;
}
