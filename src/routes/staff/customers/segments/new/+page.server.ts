import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { segmentFormSchema } from '#lib/schemas/segments.ts';
import { checkFields, inputErrorFields } from '#lib/server/forms/field-errors.ts';
import { createSegment, segmentFormChoices } from '#lib/server/customers/segments.ts';
import { segmentFormValues } from '#lib/server/customers/segments-form.ts';

/** What the filter may name: the actor's estates, the customer types, the surveys it manages. */
export const load = (async ({ locals }) => ({ choices: await segmentFormChoices(locals.actor, getLocale()) })) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals }) => {
		const values = segmentFormValues(await request.formData());
		const checked = checkFields(segmentFormSchema, values);
		if (!checked.ok) return fail(400, { errors: checked.errors, values });
		let id: string;
		try {
			id = await createSegment(locals.actor, values);
		} catch (err) {
			return fail(400, { errors: inputErrorFields(err), values });
		}
		redirect(303, `/staff/customers/segments/${id}`);
	}
} satisfies Actions;
