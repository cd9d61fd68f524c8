/** Why an admin's dictionary edit was refused; the route shows each at its field. */
export type DictionaryRefusal = 'code_taken' | 'not_found';
export type DictionaryResult = { ok: true; id: string } | { ok: false; reason: DictionaryRefusal };

/** A unique index refused the row (PostgreSQL 23505); drizzle wraps driver errors in `cause`. */
export function isUniqueViolation(err: unknown): boolean {
	for (let e = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
		if ((e as { code?: unknown }).code === '23505') return true;
	}
	return false;
}
