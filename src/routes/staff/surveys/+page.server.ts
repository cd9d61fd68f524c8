import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { inputErrorFields } from '#lib/server/forms/field-errors.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { surveyReference } from '#lib/references.ts';
import { createSurvey } from '#lib/server/surveys/sending.ts';
import { surveyList } from '#lib/server/surveys/staff.ts';

export const load = (async ({ locals }) => {
	requireSignedIn(locals.actor);
	const list = await surveyList(locals.actor);
	return {
		surveys: list.surveys.map((s) => ({
			id: s.id,
			reference: surveyReference(s.seq),
			title: s.title,
			state: s.state,
			recipients: s.recipientCount,
			answered: s.answered
		})),
		templates: list.templates
	};
}) satisfies PageServerLoad;

export const actions = {
	create: async ({ request, locals }) => {
		requireSignedIn(locals.actor);
		const templateId = formText(await request.formData(), 'templateId');
		let id: string;
		try {
			id = await createSurvey(locals.actor, templateId);
		} catch (err) {
			return fail(400, { errors: inputErrorFields(err) });
		}
		redirect(303, `/staff/surveys/${id}`);
	}
} satisfies Actions;
