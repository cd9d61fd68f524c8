import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { recordStep } from '#lib/server/forms/record-step.ts';
import { editTemplateQuestions, setTemplateActive, templateForBuilder, type ChangeName } from '#lib/server/surveys/builder.ts';

export const load = (async ({ locals, params }) => {
	requireSignedIn(locals.actor);
	const template = await templateForBuilder(locals.actor, params.id);
	return { id: template.id, code: template.code, title: template.title, definition: template.definition, active: template.active };
}) satisfies PageServerLoad;

const page = (id: string) => `/staff/admin/survey-templates/${id}`;

/** One change to the template's questions, from its own form (forms/record-step.ts: post, redirect, get). */
const change = (name: ChangeName) =>
	recordStep(page, name, (actor, id, body) => editTemplateQuestions(actor, id, { ...Object.fromEntries(body), op: name }));

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
	activate: recordStep(page, 'activate', (actor, id) => setTemplateActive(actor, id, true)),
	deactivate: recordStep(page, 'deactivate', (actor, id) => setTemplateActive(actor, id, false))
} satisfies Actions;
