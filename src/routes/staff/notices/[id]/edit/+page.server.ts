import { fail, redirect } from '@sveltejs/kit';
import { getLocale } from '#lib/paraglide/runtime.js';
import type { Actions, PageServerLoad } from './$types';
import { noticeEditSchema } from '#lib/schemas/notices.ts';
import { db } from '#lib/server/db/client.ts';
import { checkFields, inputErrorFields } from '#lib/server/forms/field-errors.ts';
import { postedFiles, readUploadForm } from '#lib/server/forms/upload-form.ts';
import { customerTypeChoices, segmentChoices } from '#lib/server/customers/segments.ts';
import { loadOfficeNotice } from '#lib/server/notices/access.ts';
import { editNotice } from '#lib/server/notices/edit.ts';
import { noticeEditForm, postedNoticeValues } from '#lib/server/notices/form.ts';

/** The notice in its form, if the machine lets it be edited (a published one says it cannot be), and the choices. */
export const load = (async ({ locals, params }) => {
	const form = await noticeEditForm(locals.actor, params.id);
	const [segments, customerTypes] = await Promise.all([segmentChoices(), customerTypeChoices(getLocale())]);
	return { ...form, segments, customerTypes };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, params }) => {
		// Whose notice first: another estate's staff learn nothing from the form's answers.
		await loadOfficeNotice(db(), locals.actor, params.id);
		const data = await readUploadForm(request);
		const values = postedNoticeValues(data);
		// Every field's problem at once; the service checks again (and what needs the database: the audience, the expiry, the state).
		const checked = checkFields(noticeEditSchema, values);
		if (!checked.ok) return fail(400, { errors: checked.errors, values });
		try {
			await editNotice(locals.actor, params.id, values, new Date(), postedFiles(data, 'attachments'));
		} catch (err) {
			return fail(400, { errors: inputErrorFields(err), values });
		}
		redirect(303, `/staff/notices/${params.id}`);
	}
} satisfies Actions;
