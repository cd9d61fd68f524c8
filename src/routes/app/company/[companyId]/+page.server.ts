import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { companyInviteSchema } from '#lib/schemas/auth.ts';
import { getCompanyPage, inviteCompanyMember, removeCompanyMember } from '#lib/server/accounts/company.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import type { Actions, PageServerLoad } from './$types';
import { formText } from '#lib/server/forms/form-text.ts';

export const load = (async ({ locals, params }) => {
	requireSignedIn(locals.actor);
	const page = await getCompanyPage(locals.actor, params.companyId);
	return {
		...page,
		me: locals.actor.userId,
		inviteForm: await superValidate({ role: 'member' as const }, zod4(companyInviteSchema), { id: 'invite', errors: false })
	};
}) satisfies PageServerLoad;

export const actions = {
	invite: async ({ request, locals, params }) => {
		requireSignedIn(locals.actor);
		const form = await superValidate(request, zod4(companyInviteSchema), { id: 'invite' });
		if (!form.valid) return fail(400, { form });
		try {
			await inviteCompanyMember(locals.actor, params.companyId, form.data);
		} catch (err) {
			return showInputError(form, err);
		}
		const sentTo = form.data.email;
		form.data.email = '';
		return message(form, m.auth_company_invite_sent({ email: sentTo }));
	},
	remove: async ({ request, locals, params }) => {
		requireSignedIn(locals.actor);
		const userId = formText(await request.formData(), 'userId');
		try {
			await removeCompanyMember(locals.actor, params.companyId, userId);
		} catch (err) {
			if (err instanceof InputError) return fail(400, { removeError: err.message });
			throw err;
		}
		return { removed: true };
	}
} satisfies Actions;
