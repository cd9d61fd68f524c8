import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { formOfFilter, segmentFormSchema } from '#lib/schemas/segments.ts';
import { checkFields, inputErrorFields } from '#lib/server/forms/field-errors.ts';
import { archiveSegment, segmentPage, updateSegment } from '#lib/server/customers/segments.ts';
import { segmentFormValues } from '#lib/server/customers/segments-form.ts';

/** The segment, its members today in the actor's estates (the first page, and how many), and its form. */
export const load = (async ({ locals, params }) => {
	const page = await segmentPage(locals.actor, params.id, getLocale());
	return {
		segment: { id: page.segment.id, name: page.segment.name, archived: page.segment.archived },
		values: formOfFilter(page.segment),
		total: page.total,
		members: page.members,
		currency: page.currency,
		choices: page.choices
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ request, locals, params }) => {
		const values = segmentFormValues(await request.formData());
		const checked = checkFields(segmentFormSchema, values);
		if (!checked.ok) return fail(400, { errors: checked.errors, values });
		try {
			await updateSegment(locals.actor, params.id, values);
		} catch (err) {
			return fail(400, { errors: inputErrorFields(err), values });
		}
		redirect(303, `/staff/customers/segments/${params.id}?saved=1`);
	},
	archive: async ({ locals, params }) => {
		await archiveSegment(locals.actor, params.id, true);
		redirect(303, `/staff/customers/segments/${params.id}`);
	},
	restore: async ({ locals, params }) => {
		await archiveSegment(locals.actor, params.id, false);
		redirect(303, `/staff/customers/segments/${params.id}`);
	}
} satisfies Actions;
