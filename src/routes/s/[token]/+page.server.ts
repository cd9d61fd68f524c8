import { error, fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { evaluationFormSchema } from '#lib/schemas/callbacks.ts';
import { evaluationLink, isEvaluationToken, submitEvaluation } from '#lib/server/callbacks/evaluation.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';

// No session needed (or used): the token in the path is the whole authority, once. The hooks
// add Referrer-Policy: same-origin and Cache-Control: no-store to every /s/ response.
export const load = (async ({ params, setHeaders }) => {
	setHeaders({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin' });
	if (!isEvaluationToken(params.token)) error(404, 'Not found');
	const link = await evaluationLink(params.token);
	return {
		link,
		form: await superValidate(zod4(evaluationFormSchema), { id: 'evaluation' })
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, params }) => {
		if (!isEvaluationToken(params.token)) error(404, 'Not found');
		const form = await superValidate(request, zod4(evaluationFormSchema), { id: 'evaluation' });
		if (!form.valid) return fail(400, { form });
		let outcome: Awaited<ReturnType<typeof submitEvaluation>>;
		try {
			outcome = await submitEvaluation(params.token, form.data);
		} catch (err) {
			return showInputError(form, err);
		}
		return { form, outcome };
	}
} satisfies Actions;
