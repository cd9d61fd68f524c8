import { InputError } from './input-error.ts';

/**
 * The PostgreSQL error under drizzle's wrapper (drizzle keeps the driver's error in `cause`), with
 * the constraint's name: PGlite calls it `constraint`, postgres.js `constraint_name`.
 */
function pgError(err: unknown): { code: unknown; constraint: string } | null {
	for (let e = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
		if ('code' in e) {
			const { code, constraint, constraint_name } = e as { code: unknown; constraint?: unknown; constraint_name?: unknown };
			return { code, constraint: [constraint, constraint_name].find((name): name is string => typeof name === 'string') ?? '' };
		}
	}
	return null;
}

/** A unique index refused the row (PostgreSQL 23505) — any index, or the one named. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
	const pg = pgError(err);
	if (pg?.code !== '23505') return false;
	return !constraint || pg.constraint === constraint;
}

/**
 * Turns the violation of one of these unique indexes into the InputError a person can act on
 * ("that code is taken"); anything else is rethrown. The one place such violations are mapped.
 */
export function rethrowUnique(err: unknown, byConstraint: Record<string, () => InputError>): never {
	const pg = pgError(err);
	if (pg?.code === '23505') {
		const make = byConstraint[pg.constraint] ?? byConstraint['*'];
		if (make) throw make();
	}
	throw err;
}
