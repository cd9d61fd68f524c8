import { fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { resetSchema } from '#lib/schemas/auth.ts';
import { blankPasswords } from '#lib/server/accounts/blank-passwords.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { ResetLinkError, resetLinkIsUsable, resetPassword } from '#lib/server/accounts/password-reset.ts';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => ({
	usable: await resetLinkIsUsable(params.token),
	form: await superValidate(zod4(resetSchema))
})) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, params }) => {
		const form = await superValidate(request, zod4(resetSchema));
		const input = { ...form.data };
		blankPasswords(form.data, 'password', 'confirm');
		if (!form.valid) return fail(400, { form });
		try {
			await resetPassword(params.token, input);
		} catch (err) {
			if (err instanceof ResetLinkError) return message(form, m.auth_reset_link_invalid(), { status: 400 });
			return showInputError(form, err);
		}
		redirect(303, '/login?reset=done');
	}
} satisfies Actions;
