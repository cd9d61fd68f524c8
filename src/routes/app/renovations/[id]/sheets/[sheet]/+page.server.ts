import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireResidentOrContractor } from '#lib/server/auth/guards.ts';
import { inputErrorFields } from '#lib/server/forms/field-errors.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { sheetPage } from '#lib/server/renovations/review-queries.ts';
import { answerComment } from '#lib/server/renovations/review.ts';
import { renovationReference } from '#lib/references.ts';

export const load = (async ({ locals, params }) => {
	requireResidentOrContractor(locals.actor);
	const page = await sheetPage(locals.actor, params.id, params.sheet);
	return {
		id: page.application.id,
		reference: renovationReference(page.application.seq),
		sheet: page.sheet,
		revisions: page.revisions,
		sheets: page.sheets,
		comments: page.comments,
		canAnswer: page.actions.includes('answer_comment')
	};
}) satisfies PageServerLoad;

export const actions = {
	answer: async ({ request, locals, params }) => {
		requireResidentOrContractor(locals.actor);
		const body = await request.formData();
		const commentId = formText(body, 'commentId');
		try {
			await answerComment(locals.actor, params.id, commentId, formText(body, 'answer'));
		} catch (err) {
			return fail(400, { commentId, answer: formText(body, 'answer'), errors: inputErrorFields(err) });
		}
		redirect(303, `/app/renovations/${params.id}/sheets/${params.sheet}#comment-list`);
	}
} satisfies Actions;
