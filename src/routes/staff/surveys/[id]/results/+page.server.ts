import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { Actor } from '#lib/server/auth/actor.ts';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { inputErrorFields } from '#lib/server/forms/field-errors.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { correctiveActionForms } from '#lib/server/forms/survey-action-forms.ts';
import { surveyActionsOf } from '#lib/server/surveys/actions.ts';
import { surveyResults } from '#lib/server/surveys/results.ts';
import { tagAnswer, textAnswerPage, untagAnswer } from '#lib/server/surveys/tags.ts';
import { DEFAULT_TIME_ZONE } from '#lib/time/index.ts';

/** Where the free-text answers are: their page, and the question and tag they are filtered by. */
function answersQuery(url: URL) {
	const page = Number(url.searchParams.get('page') ?? '1');
	return {
		page: Number.isInteger(page) && page > 0 ? page : 1,
		questionId: url.searchParams.get('question') || null,
		tag: url.searchParams.get('tag') || null
	};
}

export const load = (async ({ locals, params, url }) => {
	requireSignedIn(locals.actor);
	const [results, answers, corrective] = await Promise.all([
		surveyResults(locals.actor, params.id),
		textAnswerPage(locals.actor, params.id, answersQuery(url)),
		surveyActionsOf(locals.actor, params.id)
	]);
	const { definition: _definition, ...survey } = results.survey;
	return {
		...results,
		survey,
		answers,
		/** Corrective actions beside the areas (this survey's, and last year's for the comparison), and who may own them. */
		corrective,
		/** Times are read in the zone of the survey's first estate. */
		timeZone: results.estates[0]?.timeZone ?? DEFAULT_TIME_ZONE
	};
}) satisfies PageServerLoad;

/**
 * A tag put on or taken off an answer, then the same page of answers again (post, redirect, get),
 * back at the answer; refused, the page comes back with the message beside that answer.
 */
function tagStep(name: 'tag' | 'untag', run: (actor: Actor, surveyId: string, input: unknown) => Promise<void>) {
	return async ({ request, locals, params, url }: RequestEvent<{ id: string }>) => {
		requireSignedIn(locals.actor);
		const body = await request.formData();
		const input = { responseId: formText(body, 'responseId'), questionId: formText(body, 'questionId'), tag: formText(body, 'tag') };
		try {
			await run(locals.actor, params.id, input);
		} catch (err) {
			return fail(400, { step: name, errors: inputErrorFields(err), values: input });
		}
		const { page, questionId, tag } = answersQuery(url);
		const query = new URLSearchParams({
			...(page > 1 ? { page: String(page) } : {}),
			...(questionId ? { question: questionId } : {}),
			...(tag ? { tag } : {}),
			done: name
		});
		const anchor = isUuid(input.responseId) ? `#answer-${input.responseId}` : '';
		redirect(303, `/staff/surveys/${params.id}/results?${query.toString()}${anchor}`);
	};
}

export const actions = {
	tag: tagStep('tag', tagAnswer),
	untag: tagStep('untag', untagAnswer),
	...correctiveActionForms
} satisfies Actions;
