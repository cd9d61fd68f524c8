import { fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { estateChoices, setStaffDisabled, staffMember, updateStaffAccess } from '#lib/server/staff-admin/staff.ts';
import { staffAccessSchema } from '#lib/schemas/admin.ts';

export const load = (async ({ locals, params }) => {
	requireStaff(locals.actor, 'staff.manage');
	const [member, estates] = await Promise.all([staffMember(locals.actor, params.id), estateChoices(locals.actor)]);
	const form = await superValidate(
		{ roles: member.roles, estateIds: member.estates.map((e) => e.id) },
		zod4(staffAccessSchema),
		{ errors: false }
	);
	return { member, estates, form, isSelf: member.id === locals.actor.userId };
}) satisfies PageServerLoad;

export const actions = {
	access: async ({ request, locals, params, getClientAddress }) => {
		requireStaff(locals.actor, 'staff.manage');
		const form = await superValidate(request, zod4(staffAccessSchema));
		if (!form.valid) return fail(400, { form });
		const result = await updateStaffAccess(locals.actor, params.id, form.data, getClientAddress());
		if (!result.ok) {
			if (result.reason === 'cannot_demote_self') return setError(form, 'roles._errors', m.admin_cannot_demote_self());
			return setError(form, 'estateIds._errors', m.admin_estate_unknown());
		}
		return message(form, m.admin_access_saved());
	},
	disable: async ({ locals, params, getClientAddress }) => {
		requireStaff(locals.actor, 'staff.manage');
		const result = await setStaffDisabled(locals.actor, params.id, true, getClientAddress());
		if (!result.ok) return fail(400, { statusError: m.admin_cannot_disable_self() });
		return { statusDone: m.admin_disabled_done() };
	},
	enable: async ({ locals, params, getClientAddress }) => {
		requireStaff(locals.actor, 'staff.manage');
		await setStaffDisabled(locals.actor, params.id, false, getClientAddress());
		return { statusDone: m.admin_enabled_done() };
	}
} satisfies Actions;
