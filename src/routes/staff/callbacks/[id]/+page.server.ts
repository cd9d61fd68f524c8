import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { localClock, localDate } from '#lib/time/index.ts';
import { callbackFormSchema, reassignCallbackSchema } from '#lib/schemas/callbacks.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { callbackDetail } from '#lib/server/callbacks/queries.ts';
import { completeCallback, reassignCallback } from '#lib/server/callbacks/service.ts';

export const load = (async ({ locals, params, url }) => {
	requireStaff(locals.actor, 'callbacks.do');
	const detail = await callbackDetail(locals.actor, params.id);
	const zone = detail.timeZone;
	const when = (at: Date | null) => (at ? { date: localDate(at, zone), time: localClock(at, zone) } : null);
	const { signatureFileId, ...callback } = detail.callback;
	return {
		callback: { ...callback, hasSignature: !!signatureFileId, due: when(callback.dueAt)!, done: when(callback.doneAt) },
		order: { ...detail.order, signedOff: when(detail.order.signedOffAt), workDone: when(detail.order.workDoneAt) },
		evaluation: detail.evaluation ? { ...detail.evaluation, submitted: when(detail.evaluation.submittedAt)! } : null,
		notices: detail.notices.map((n) => ({ ...n, due: when(n.dueAt)!, resolved: when(n.resolvedAt) })),
		/** The machine's answer: the page offers exactly these. */
		actions: detail.actions,
		candidates: detail.candidates,
		justDone: url.searchParams.get('done') === '1',
		justReassigned: url.searchParams.get('reassigned') === '1',
		// The signature is the resident's to give: the name field starts empty.
		form: await superValidate(zod4(callbackFormSchema), { id: 'callback' }),
		reassignForm: await superValidate(zod4(reassignCallbackSchema), { id: 'reassign' })
	};
}) satisfies PageServerLoad;

export const actions = {
	complete: async ({ request, locals, params }) => {
		requireStaff(locals.actor, 'callbacks.do');
		const form = await superValidate(request, zod4(callbackFormSchema), { id: 'callback' });
		if (!form.valid) return fail(400, { form });
		try {
			await completeCallback(locals.actor, params.id, form.data);
		} catch (err) {
			return showInputError(form, err);
		}
		redirect(303, `/staff/callbacks/${params.id}?done=1`);
	},
	reassign: async ({ request, locals, params }) => {
		requireStaff(locals.actor, 'callbacks.do');
		const form = await superValidate(request, zod4(reassignCallbackSchema), { id: 'reassign' });
		if (!form.valid) return fail(400, { reassignForm: form });
		try {
			await reassignCallback(locals.actor, params.id, form.data);
		} catch (err) {
			showInputError(form, err);
			return fail(400, { reassignForm: form });
		}
		redirect(303, `/staff/callbacks/${params.id}?reassigned=1`);
	}
} satisfies Actions;
