import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { residentContactSchema } from '#lib/schemas/auth.ts';
import { residentContact, updateResidentContact } from '#lib/server/accounts/resident-contact.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';

export const load = (async ({ locals, params }) => {
	requireStaff(locals.actor, 'registry.write');
	const person = await residentContact(locals.actor, params.id);
	const form = await superValidate({ email: person.email, phone: person.phone }, zod4(residentContactSchema), { errors: false });
	return { person, form };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, params }) => {
		requireStaff(locals.actor, 'registry.write');
		const form = await superValidate(request, zod4(residentContactSchema));
		if (!form.valid) return fail(400, { form });
		try {
			await updateResidentContact(locals.actor, params.id, form.data);
		} catch (err) {
			return showInputError(form, err);
		}
		return message(form, m.accuracy_person_saved());
	}
} satisfies Actions;
