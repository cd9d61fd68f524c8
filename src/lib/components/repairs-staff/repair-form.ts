import { invalidateAll } from '$app/navigation';
import { superForm, type SuperValidated } from 'sveltekit-superforms';

/**
 * superForm for an action on the order page. When the order moved on since the page was drawn
 * (the action answers `stateError`), the page data is reloaded so it shows where the order stands.
 */
export function repairForm<T extends Record<string, unknown>>(data: SuperValidated<T>) {
	return superForm(data, {
		onResult: async ({ result }) => {
			if (result.type === 'failure' && result.data && 'stateError' in result.data) await invalidateAll();
		}
	});
}
