import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { callbackFormSchema, reassignCallbackSchema } from '#lib/schemas/callbacks.ts';
import { requireCallbacks } from '#lib/server/callbacks/access.ts';
import { callbackDetail } from '#lib/server/callbacks/queries.ts';
import { completeCallback, reassignCallback } from '#lib/server/callbacks/service.ts';
import { RepairInputError } from '#lib/server/repairs/errors.ts';
import { estateTimeZone } from '#lib/server/appointments/access.ts';
import { localClock, localDate } from '#lib/server/appointments/slot-times.ts';

export const load = (async ({ locals, params, url }) => {
	requireCallbacks(locals.actor);
	const detail = await callbackDetail(locals.actor, params.id);
	const zone = estateTimeZone(detail.callback.estateId);
	const when = (at: Date | null) => (at ? { date: localDate(at, zone), time: localClock(at, zone) } : null);
	const { signatureFileId, ...callback } = detail.callback;
	return {
		callback: { ...callback, hasSignature: !!signatureFileId, due: when(callback.dueAt)!, done: when(callback.doneAt) },
		order: { ...detail.order, signedOff: when(detail.order.signedOffAt), workDone: when(detail.order.workDoneAt) },
		evaluation: detail.evaluation ? { ...detail.evaluation, submitted: when(detail.evaluation.submittedAt)! } : null,
		notices: detail.notices.map((n) => ({ ...n, due: when(n.dueAt)!, resolved: when(n.resolvedAt) })),
		canComplete: detail.canComplete,
		canReassign: detail.canReassign,
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
		requireCallbacks(locals.actor);
		const form = await superValidate(request, zod4(callbackFormSchema), { id: 'callback' });
		if (!form.valid) return fail(400, { form });
		try {
			await completeCallback(locals.actor, params.id, form.data);
		} catch (err) {
			if (!(err instanceof RepairInputError)) throw err;
			return setError(form, err.field as '', err.message);
		}
		redirect(303, `/staff/callbacks/${params.id}?done=1`);
	},
	reassign: async ({ request, locals, params }) => {
		requireCallbacks(locals.actor);
		const form = await superValidate(request, zod4(reassignCallbackSchema), { id: 'reassign' });
		if (!form.valid) return fail(400, { reassignForm: form });
		try {
			await reassignCallback(locals.actor, params.id, form.data);
		} catch (err) {
			if (!(err instanceof RepairInputError)) throw err;
			setError(form, err.field as '', err.message);
			return fail(400, { reassignForm: form });
		}
		redirect(303, `/staff/callbacks/${params.id}?reassigned=1`);
	}
} satisfies Actions;
