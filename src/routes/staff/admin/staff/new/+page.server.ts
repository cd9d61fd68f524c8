import { fail } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { createStaff, estateChoices } from '#lib/server/staff-admin/staff.ts';
import { staffCreateSchema } from '#lib/schemas/admin.ts';

export const load = (async ({ locals }) => {
	requireStaff(locals.actor, 'staff.manage');
	return { estates: await estateChoices(locals.actor), form: await superValidate(zod4(staffCreateSchema)) };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, getClientAddress }) => {
		requireStaff(locals.actor, 'staff.manage');
		const form = await superValidate(request, zod4(staffCreateSchema));
		if (!form.valid) return fail(400, { form });
		const result = await createStaff(locals.actor, form.data, getClientAddress());
		if (!result.ok) {
			if (result.reason === 'email_taken') return setError(form, 'email', m.admin_email_taken());
			return setError(form, 'estateIds._errors', m.admin_estate_unknown());
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
