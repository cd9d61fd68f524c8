import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { answerMySurvey, mySurvey } from '#lib/server/surveys/portal.ts';
import { answersFromForm } from '#lib/surveys/definition.ts';

export const load = (async ({ locals, params }) => {
	requireSignedIn(locals.actor);
	return { survey: await mySurvey(locals.actor, params.id) };
}) satisfies PageServerLoad;

/** The answers posted to save them for later, or to submit them: the same rules as the personal link. */
async function answer({ request, params, locals }: RequestEvent, submit: boolean) {
	requireSignedIn(locals.actor);
	const survey = await mySurvey(locals.actor, params.id);
	const answers = answersFromForm(survey.definition, (await request.formData()).entries());
	const result = await answerMySurvey(locals.actor, params.id, answers, { submit });
	return result.outcome === 'refused' ? fail(400, { survey: result }) : { survey: result };
}

export const actions = {
	save: (event) => answer(event, false),
	submit: (event) => answer(event, true)
} satisfies Actions;
