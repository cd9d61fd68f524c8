import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { decideArchiveAccess, listAccessRequests } from '#lib/server/archive/access-requests.ts';
import { ARCHIVE_GRANT_HOURS } from '#lib/server/archive/access-machine.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';

export const load = (async ({ locals }) => ({
	requests: await listAccessRequests(locals.actor!),
	hours: ARCHIVE_GRANT_HOURS
})) satisfies PageServerLoad;

export const actions = {
	decide: async ({ locals, request }) => {
		const body = await request.formData();
		const id = formText(body, 'id');
		const decision = formText(body, 'decision') === 'approve' ? 'approve' : 'refuse';
		const note = formText(body, 'note');
		try {
			await decideArchiveAccess(locals.actor!, id, { decision, note });
		} catch (err) {
			if (!(err instanceof InputError)) throw err;
			return fail(400, { id, note, error: err.message });
		}
		return { id, decided: decision };
	}
} satisfies Actions;
