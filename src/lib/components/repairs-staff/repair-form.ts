import { invalidateAll } from '$app/navigation';
import { superForm, type SuperValidated } from 'sveltekit-superforms';

/**
 * superForm for an action on the order page. When the order moved on since the page was drawn
 * (the action answers with the form's own error, not a field's), the page data is reloaded so it
 * shows where the order stands; the page shows that error above everything.
 */
export function repairForm<T extends Record<string, unknown>>(data: SuperValidated<T>) {
	return superForm(data, {
		onResult: async ({ result }) => {
			const errors = result.type === 'failure' ? (result.data?.form as { errors?: { _errors?: string[] } } | undefined)?.errors : undefined;
			if (errors?._errors?.length) await invalidateAll();
		}
	});
}
