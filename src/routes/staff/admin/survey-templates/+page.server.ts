import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { inputErrorFields } from '#lib/server/forms/field-errors.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { createTemplate, setTemplateActive, templateList } from '#lib/server/surveys/builder.ts';

export const load = (async ({ locals }) => {
	requireSignedIn(locals.actor);
	return { templates: await templateList(locals.actor) };
}) satisfies PageServerLoad;

const failed = (step: string, err: unknown, values: Record<string, string> = {}) =>
	fail(400, { step, errors: inputErrorFields(err), values });

/** Offers a template when staff start a survey, or stops offering it (the row's id). */
const setActive = (active: boolean) =>
	(async ({ locals, request }) => {
		requireSignedIn(locals.actor);
		const id = formText(await request.formData(), 'id');
		try {
			await setTemplateActive(locals.actor, id, active);
		} catch (err) {
			return failed(active ? 'activate' : 'deactivate', err, { id });
		}
		redirect(303, `/staff/admin/survey-templates?done=${active ? 'activate' : 'deactivate'}`);
	}) satisfies Actions[string];

export const actions = {
	/** A new template, blank or a copy, opened in the editor (inactive until activated). */
	create: async ({ locals, request }) => {
		requireSignedIn(locals.actor);
		const body = await request.formData();
		const values = Object.fromEntries([...body.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'));
		let id: string;
		try {
			id = await createTemplate(locals.actor, values);
		} catch (err) {
			return failed('create', err, values);
		}
		redirect(303, `/staff/admin/survey-templates/${id}?done=created`);
	},
	activate: setActive(true),
	deactivate: setActive(false)
} satisfies Actions;
