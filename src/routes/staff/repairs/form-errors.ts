import { fail } from '@sveltejs/kit';
import { setError, withFiles, type SuperValidated } from 'sveltekit-superforms';
import { RepairInputError, RepairStateError } from '#lib/server/repairs/errors.ts';

/**
 * A service's RepairInputError shown where the person can act on it: at its field, or — when the
 * order moved on (RepairStateError) or the problem has no field — above everything, where the page
 * (reloaded) shows how the order stands now. Anything else is a real failure and rethrown.
 */
export function showRepairError<T extends Record<string, unknown>, M, In extends Record<string, unknown>>(
	form: SuperValidated<T, M, In>,
	err: unknown,
	fieldFor: (field: string) => string = (field) => field
) {
	if (!(err instanceof RepairInputError)) throw err;
	if (err instanceof RepairStateError || err.field === '') {
		form.valid = false;
		return fail(400, withFiles({ form, stateError: err.message }));
	}
	return setError(form, fieldFor(err.field) as '', err.message);
}
