import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { forgotSchema } from '#lib/schemas/auth.ts';
import { requestPasswordReset } from '#lib/server/accounts/password-reset.ts';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => ({ form: await superValidate(zod4(forgotSchema)) })) satisfies PageServerLoad;

export const actions = {
	default: async ({ request }) => {
		const form = await superValidate(request, zod4(forgotSchema));
		if (!form.valid) return fail(400, { form });
		await requestPasswordReset(form.data.email);
		// The same answer whether or not the address has an account.
		return message(form, m.auth_forgot_sent());
	}
} satisfies Actions;
