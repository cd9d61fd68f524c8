import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { ratingRulesSchema } from '#lib/schemas/customers.ts';
import { ratingRulesForAdmin, ruleBookToForm, saveRatingRules } from '#lib/server/customers/rating-rules.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';

export const load = (async ({ locals, url }) => {
	const book = await ratingRulesForAdmin(locals.actor);
	return {
		form: await superValidate(ruleBookToForm(book), zod4(ratingRulesSchema), { id: 'rules', errors: false }),
		saved: url.searchParams.get('saved') === '1'
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		requireStaff(event.locals.actor, 'customers.rules');
		const form = await superValidate(event.request, zod4(ratingRulesSchema), { id: 'rules' });
		if (!form.valid) return fail(400, { form });
		try {
			await saveRatingRules(event.locals.actor, form.data, event.getClientAddress());
		} catch (err) {
			return showInputError(form, err);
		}
		redirect(303, '/staff/admin/rating-rules?saved=1');
	}
} satisfies Actions;
