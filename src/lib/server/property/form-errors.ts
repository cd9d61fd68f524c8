import { setError, type SuperValidated } from 'sveltekit-superforms';
import { RegistryInputError } from './errors.ts';

/** Shows a service's RegistryInputError at its field; anything else is a real failure and rethrown. */
export function showRegistryError<T extends Record<string, unknown>, M, In extends Record<string, unknown>>(
	form: SuperValidated<T, M, In>,
	err: unknown
) {
	if (!(err instanceof RegistryInputError)) throw err;
	return setError(form, err.field as '', err.message);
}
