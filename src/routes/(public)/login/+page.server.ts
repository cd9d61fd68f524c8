import { fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { loginSchema } from '#lib/schemas/auth.ts';
import { pageAfterSignIn, signIn } from '#lib/server/accounts/login.ts';
import { beginSession } from '#lib/server/accounts/session-cookies.ts';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	if (locals.actor) redirect(303, pageAfterSignIn(url.searchParams.get('next')));
	return {
		form: await superValidate(zod4(loginSchema)),
		passwordWasReset: url.searchParams.get('reset') === 'done'
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const form = await superValidate(event.request, zod4(loginSchema));
		const password = form.data.password;
		form.data.password = '';
		if (!form.valid) return fail(400, { form });
		const result = await signIn({ email: form.data.email, password, ip: event.getClientAddress() });
		if (!result.ok) {
			if (result.reason === 'locked') {
				return message(form, m.auth_login_locked({ minutes: result.retryInMinutes }), { status: 429 });
			}
			if (result.reason === 'disabled') return message(form, m.auth_login_disabled(), { status: 403 });
			return message(form, m.auth_login_invalid(), { status: 400 });
		}
		await beginSession(event, result.user);
		redirect(303, pageAfterSignIn(event.url.searchParams.get('next')));
	}
} satisfies Actions;
