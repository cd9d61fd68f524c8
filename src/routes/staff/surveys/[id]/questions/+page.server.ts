import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { inputErrorFields } from '#lib/server/forms/field-errors.ts';
import { recordStep } from '#lib/server/forms/record-step.ts';
import { surveyReference } from '#lib/references.ts';
import { editSurveyQuestions, newSurveyVersion, surveyForBuilder, type ChangeName } from '#lib/server/surveys/builder.ts';

export const load = (async ({ locals, params }) => {
	requireSignedIn(locals.actor);
	const { survey, editable } = await surveyForBuilder(locals.actor, params.id);
	return {
		id: survey.id,
		reference: surveyReference(survey.seq),
		state: survey.state,
		title: survey.title,
		definition: survey.definition,
		anonymous: survey.anonymous,
		editable
	};
}) satisfies PageServerLoad;

/** One change to the draft's questions, from its own form (forms/record-step.ts: post, redirect, get). */
const change = (name: ChangeName) =>
	recordStep(
		(id) => `/staff/surveys/${id}/questions`,
		name,
		(actor, id, body) => editSurveyQuestions(actor, id, { ...Object.fromEntries(body), op: name })
	);

export const actions = {
	title: change('title'),
	addSection: change('addSection'),
	renameSection: change('renameSection'),
	removeSection: change('removeSection'),
	moveSection: change('moveSection'),
	addQuestion: change('addQuestion'),
	updateQuestion: change('updateQuestion'),
	removeQuestion: change('removeQuestion'),
	moveQuestion: change('moveQuestion'),
	/** A sent survey's questions copied into a new draft, opened in the editor. */
	newVersion: async ({ locals, params }) => {
		requireSignedIn(locals.actor);
		let id: string;
		try {
			id = await newSurveyVersion(locals.actor, params.id);
		} catch (err) {
			return fail(400, { step: 'newVersion', errors: inputErrorFields(err), values: {} });
		}
		redirect(303, `/staff/surveys/${id}/questions?done=newVersion`);
	}
} satisfies Actions;
