import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { decideArchiveAccess, listAccessRequests, requestArchiveAccess } from '#lib/server/archive/access-requests.ts';
import { can } from '#lib/server/auth/guards.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { ARCHIVE_GRANT_HOURS } from '#lib/server/archive/access-machine.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';

export const load = (async ({ locals }) => ({
	requests: await listAccessRequests(locals.actor!),
	hours: ARCHIVE_GRANT_HOURS,
	approver: can(locals.actor, 'archive.grant')
})) satisfies PageServerLoad;

export const actions = {
	/** Asking to read a unit's file, from its file page: back there, saying the request is sent (or what to fix). */
	ask: async ({ locals, request }) => {
		const body = await request.formData();
		const unitId = formText(body, 'unitId');
		const page = `/staff/registry/units/${isUuid(unitId) ? unitId : 'not-found'}/archive`;
		try {
			await requestArchiveAccess(locals.actor!, unitId, { reason: formText(body, 'reason') });
		} catch (err) {
			if (!(err instanceof InputError)) throw err;
			redirect(303, `${page}?ask=reason`);
		}
		redirect(303, `${page}?ask=sent`);
	},
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
