import type { z } from 'zod';
import { InputError } from '../kernel/input-error.ts';

/**
 * A plain form's values checked against its schema, every message at its field at once (a person
 * fixes them together), for pages that send no JavaScript and so no form library. The first
 * message per field wins; the service checks the values again.
 */
export function checkFields<S extends z.ZodType>(
	schema: S,
	values: Record<string, unknown>
): { ok: true; data: z.output<S> } | { ok: false; errors: Record<string, string> } {
	const result = schema.safeParse(values);
	if (result.success) return { ok: true, data: result.data };
	const errors: Record<string, string> = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? '');
		errors[field] ??= issue.message;
	}
	return { ok: false, errors };
}

/** A service's InputError as checkFields' errors; anything else is a real failure and rethrown. */
export function inputErrorFields(err: unknown): Record<string, string> {
	if (!(err instanceof InputError)) throw err;
	return { [err.field]: err.message };
}
