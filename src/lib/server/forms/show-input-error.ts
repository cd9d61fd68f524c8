import { setError, type SuperValidated } from 'sveltekit-superforms';
import { InputError } from '../kernel/input-error.ts';

/**
 * A service's InputError shown where the person can act on it: at its field, or (field '', or a
 * StaleStateError) above the form, as the form's own error (`form.errors._errors`). Anything else
 * is a real failure and rethrown. `fieldFor` maps a service's field name onto the form's.
 */
export function showInputError<T extends Record<string, unknown>, M, In extends Record<string, unknown>>(
	form: SuperValidated<T, M, In>,
	err: unknown,
	fieldFor: (field: string) => string = (field) => field
) {
	if (!(err instanceof InputError)) throw err;
	return setError(form, (err.field === '' ? '' : fieldFor(err.field)) as '', err.message);
}
