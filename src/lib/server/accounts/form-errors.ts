import { setError, type SuperValidated } from 'sveltekit-superforms';
import { AccountInputError } from './errors.ts';

/** Shows a service's AccountInputError at its field; anything else is a real failure and rethrown. */
export function showInputError<T extends Record<string, unknown>, M, In extends Record<string, unknown>>(
	form: SuperValidated<T, M, In>,
	err: unknown
) {
	if (!(err instanceof AccountInputError)) throw err;
	return setError(form, err.field as '', err.message);
}

/** Passwords never travel back into the page. */
export function blankPasswords<T extends Record<string, unknown>>(data: T, ...fields: (keyof T)[]): void {
	for (const field of fields) (data as Record<keyof T, unknown>)[field] = '';
}
