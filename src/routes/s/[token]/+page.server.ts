import { error, fail, isHttpError } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { evaluationFormSchema } from '#lib/schemas/callbacks.ts';
import { evaluationLink, isEvaluationToken, submitEvaluation } from '#lib/server/callbacks/evaluation.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { answerSurvey, surveyLink } from '#lib/server/surveys/answering.ts';
import { answersFromForm } from '#lib/surveys/definition.ts';
import { satisfactionSchema } from '#lib/schemas/complaints.ts';
import { answerSatisfaction, satisfactionLink } from '#lib/server/complaints/satisfaction.ts';

// No session needed (or used): the token in the path is the whole authority, once. The hooks
// add Referrer-Policy: same-origin and Cache-Control: no-store to every /s/ response. A token is a
// survey recipient's link or a repair callback's evaluation link; each kind answers its own way.
export const load = (async ({ params, setHeaders }) => {
	setHeaders({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin' });
	if (!isEvaluationToken(params.token)) error(404, 'Not found');
	const survey = await surveyLink(params.token).catch((err: unknown) => {
		// Not a survey's link: perhaps an evaluation's.
		if (isHttpError(err, 404)) return null;
		throw err;
	});
	if (survey) return { kind: 'survey' as const, survey };
	const complaint = await satisfactionLink(params.token).catch((err: unknown) => {
		// Not a complaint's satisfaction link either: perhaps an evaluation's.
		if (isHttpError(err, 404)) return null;
		throw err;
	});
	if (complaint) return { kind: 'complaint' as const, complaint };
	const link = await evaluationLink(params.token);
	return {
		kind: 'evaluation' as const,
		link,
		form: await superValidate(zod4(evaluationFormSchema), { id: 'evaluation' })
	};
}) satisfies PageServerLoad;

/** A survey's answers posted to save them for later, or to submit them. */
async function answer({ request, params }: RequestEvent, submit: boolean) {
	if (!isEvaluationToken(params.token)) error(404, 'Not found');
	const link = await surveyLink(params.token);
	const answers = answersFromForm(link.definition, (await request.formData()).entries());
	const result = await answerSurvey(params.token, answers, { submit });
	return result.outcome === 'refused' ? fail(400, { survey: result }) : { survey: result };
}

export const actions = {
	evaluate: async ({ request, params }) => {
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
	},
	/** The complainant's answer: satisfied or not (a complaint's personal link). */
	satisfaction: async ({ request, params }) => {
		if (!isEvaluationToken(params.token)) error(404, 'Not found');
		const form = await superValidate(request, zod4(satisfactionSchema), { id: 'satisfaction' });
		if (!form.valid) return fail(400, { satisfaction: form });
		return { satisfaction: form, answered: await answerSatisfaction(params.token, form.data) };
	},
	save: (event) => answer(event, false),
	submit: (event) => answer(event, true)
} satisfies Actions;
