import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { estateChoices, setStaffDisabled, staffMember, updateStaffAccess } from '#lib/server/staff-admin/staff.ts';
import { staffAccessSchema } from '#lib/schemas/admin.ts';

export const load = (async ({ locals, params }) => {
	requireStaff(locals.actor, 'staff.manage');
	const [member, estates] = await Promise.all([staffMember(locals.actor, params.id), estateChoices(locals.actor)]);
	const form = await superValidate({ roles: member.roles, estateIds: member.estates.map((e) => e.id) }, zod4(staffAccessSchema), {
		errors: false
	});
	return { member, estates, form, isSelf: member.id === locals.actor.userId };
}) satisfies PageServerLoad;

export const actions = {
	access: async ({ request, locals, params, getClientAddress }) => {
		requireStaff(locals.actor, 'staff.manage');
		const form = await superValidate(request, zod4(staffAccessSchema));
		if (!form.valid) return fail(400, { form });
		try {
			await updateStaffAccess(locals.actor, params.id, form.data, getClientAddress());
		} catch (err) {
			return showInputError(form, err, (field) => `${field}._errors`);
		}
		return message(form, m.admin_access_saved());
	},
	disable: async ({ locals, params, getClientAddress }) => {
		requireStaff(locals.actor, 'staff.manage');
		try {
			await setStaffDisabled(locals.actor, params.id, true, getClientAddress());
		} catch (err) {
			if (!(err instanceof InputError)) throw err;
			return fail(400, { statusError: err.message });
		}
		return { statusDone: m.admin_disabled_done() };
	},
	enable: async ({ locals, params, getClientAddress }) => {
		requireStaff(locals.actor, 'staff.manage');
		await setStaffDisabled(locals.actor, params.id, false, getClientAddress());
		return { statusDone: m.admin_enabled_done() };
	}
} satisfies Actions;
