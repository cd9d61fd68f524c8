import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { inputErrorFields } from '#lib/server/forms/field-errors.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { sheetPage } from '#lib/server/renovations/review-queries.ts';
import { closeComment, codeSheet, pinComment } from '#lib/server/renovations/review.ts';
import { renovationReference } from '#lib/references.ts';

export const load = (async ({ locals, params, url }) => {
	requireStaff(locals.actor, 'renovations.read');
	const page = await sheetPage(locals.actor, params.id, params.sheet);
	// Another revision of the same sheet to compare with, side by side or overlaid.
	const compare = page.revisions.find((r) => r.id === url.searchParams.get('with') && r.id !== page.sheet.id && r.hasPreview) ?? null;
	return {
		id: page.application.id,
		reference: renovationReference(page.application.seq),
		state: page.application.state,
		currentRevision: page.application.drawingRevision,
		sheet: page.sheet,
		revisions: page.revisions,
		sheets: page.sheets,
		comments: page.comments,
		actions: page.actions,
		compare: compare ? { ...compare, mode: url.searchParams.get('mode') === 'overlay' ? ('overlay' as const) : ('side' as const) } : null
	};
}) satisfies PageServerLoad;

/** Percent (as typed, or filled in by a click on the sheet) to a fraction of the sheet; a blank is missing. */
const fraction = (text: string) => (text.trim() === '' ? undefined : Number(text) / 100);

export const actions = {
	code: async ({ request, locals, params }) => {
		requireStaff(locals.actor, 'renovations.read');
		const body = await request.formData();
		try {
			await codeSheet(locals.actor, params.id, params.sheet, formText(body, 'code'));
		} catch (err) {
			return fail(400, { form: 'code' as const, errors: inputErrorFields(err) });
		}
		redirect(303, `/staff/renovations/${params.id}/sheets/${params.sheet}?done=code`);
	},
	pin: async ({ request, locals, params }) => {
		requireStaff(locals.actor, 'renovations.read');
		const body = await request.formData();
		const values = { x: formText(body, 'x'), y: formText(body, 'y'), body: formText(body, 'body') };
		try {
			await pinComment(locals.actor, params.id, params.sheet, { x: fraction(values.x), y: fraction(values.y), body: values.body });
		} catch (err) {
			return fail(400, { form: 'pin' as const, values, errors: inputErrorFields(err) });
		}
		redirect(303, `/staff/renovations/${params.id}/sheets/${params.sheet}?done=pin`);
	},
	closeComment: async ({ request, locals, params }) => {
		requireStaff(locals.actor, 'renovations.read');
		const body = await request.formData();
		try {
			await closeComment(locals.actor, params.id, formText(body, 'commentId'));
		} catch (err) {
			return fail(400, { form: 'close' as const, errors: inputErrorFields(err) });
		}
		redirect(303, `/staff/renovations/${params.id}/sheets/${params.sheet}?done=close`);
	}
} satisfies Actions;
