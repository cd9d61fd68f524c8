import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { createStaff, estateChoices } from '#lib/server/staff-admin/staff.ts';
import { staffCreateSchema } from '#lib/schemas/admin.ts';

/** Roles and estates are checkbox lists: their messages sit on the list, not on one box. */
const listField = (field: string) => (field === 'roles' || field === 'estateIds' ? `${field}._errors` : field);

export const load = (async ({ locals }) => {
	requireStaff(locals.actor, 'staff.manage');
	return { estates: await estateChoices(locals.actor), form: await superValidate(zod4(staffCreateSchema)) };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, getClientAddress }) => {
		requireStaff(locals.actor, 'staff.manage');
		const form = await superValidate(request, zod4(staffCreateSchema));
		if (!form.valid) return fail(400, { form });
		let result: { userId: string };
		try {
			result = await createStaff(locals.actor, form.data, getClientAddress());
		} catch (err) {
			return showInputError(form, err, listField);
		}
		return {
			form: await superValidate(zod4(staffCreateSchema)),
			created: {
				userId: result.userId,
				name: form.data.name,
				email: form.data.email.toLowerCase()
			}
		};
	}
} satisfies Actions;
