import { fail, redirect } from '@sveltejs/kit';
import { getLocale } from '#lib/paraglide/runtime.js';
import type { Actions, PageServerLoad } from './$types';
import { noticeSchema } from '#lib/schemas/notices.ts';
import { checkFields, inputErrorFields } from '#lib/server/forms/field-errors.ts';
import { createNotice } from '#lib/server/notices/office.ts';
import { postedFiles, readUploadForm } from '#lib/server/forms/upload-form.ts';
import { noticeChoices } from '#lib/server/notices/office-queries.ts';
import { postedNoticeValues } from '#lib/server/notices/form.ts';
import { customerTypeChoices, segmentChoices } from '#lib/server/customers/segments.ts';

/** The estates and buildings the actor may address, and the customer segments and types. */
export const load = (async ({ locals }) => {
	const estates = await noticeChoices(locals.actor);
	const [segments, customerTypes] = await Promise.all([segmentChoices(), customerTypeChoices(getLocale())]);
	return { estates, segments, customerTypes };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals }) => {
		const data = await readUploadForm(request);
		const values = postedNoticeValues(data);
		// Every field's problem at once; the service checks again (and what needs the database: the estate, the times).
		const checked = checkFields(noticeSchema, values);
		if (!checked.ok) return fail(400, { errors: checked.errors, values });
		let id: string;
		try {
			id = await createNotice(locals.actor, values, new Date(), postedFiles(data, 'attachments'));
		} catch (err) {
			return fail(400, { errors: inputErrorFields(err), values });
		}
		redirect(303, `/staff/notices/${id}`);
	}
} satisfies Actions;
