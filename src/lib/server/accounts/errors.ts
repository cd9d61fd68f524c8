import type { z } from 'zod';

/** The input broke an account rule; the route shows `message` at `field` ('' = the whole form). */
export class AccountInputError extends Error {
	readonly field: string;
	constructor(field: string, message: string) {
		super(message);
		this.name = 'AccountInputError';
		this.field = field;
	}
}

/**
 * Services re-check what routes already validated, because other routes (staff pages) call
 * them too; the first problem becomes a field message instead of a 500.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	throw new AccountInputError(String(issue?.path[0] ?? ''), issue?.message ?? 'Invalid input');
}


/** A unique index refused the row (PostgreSQL code 23505); drizzle wraps driver errors in `cause`. */
export function isUniqueViolation(err: unknown): boolean {
	for (let e = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
		if ((e as { code?: unknown }).code === '23505') return true;
	}
	return false;
}
