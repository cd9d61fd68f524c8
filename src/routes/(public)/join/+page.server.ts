import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { joinSchema, redeemSchema } from '#lib/schemas/auth.ts';
import { blankPasswords } from '#lib/server/accounts/blank-passwords.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { joinWithInvitation, redeemInvitation, type Granted } from '#lib/server/accounts/join.ts';
import { beginSession } from '#lib/server/accounts/session-cookies.ts';
import { joinPath } from '#lib/join-path.ts';
import { signInPath } from '#lib/sign-in-path.ts';
import type { Actions, PageServerLoad } from './$types';

function destination(granted: Granted): string {
	if (granted.kind === 'renovation') return `/app/renovations/${granted.applicationId}`;
	return granted.kind === 'company' ? `/app/company/${granted.companyId}` : '/app';
}

export const load = (async ({ locals, url }) => {
	// The code may come from an emailed link: /join?code=ABCD-EFGH-JK.
	const code = (url.searchParams.get('code') ?? '').slice(0, 40);
	const actor = locals.actor;
	return {
		// Residents redeem unit and company codes, contractors renovation codes; staff redeem none.
		signedIn: actor ? { name: actor.name, mayRedeem: actor.kind !== 'staff' } : null,
		joinForm: await superValidate({ code }, zod4(joinSchema), { id: 'join', errors: false }),
		redeemForm: await superValidate({ code }, zod4(redeemSchema), { id: 'redeem', errors: false })
	};
}) satisfies PageServerLoad;

export const actions = {
	join: async (event) => {
		const form = await superValidate(event.request, zod4(joinSchema), { id: 'join' });
		const input = { ...form.data };
		blankPasswords(form.data, 'password', 'confirm');
		if (event.locals.actor) redirect(303, '/join');
		if (!form.valid) return fail(400, { form });
		let result;
		try {
			result = await joinWithInvitation(input, { ip: event.getClientAddress() });
		} catch (err) {
			return showInputError(form, err);
		}
		await beginSession(event, result.user);
		redirect(303, destination(result.granted));
	},
	redeem: async ({ request, locals, getClientAddress }) => {
		const form = await superValidate(request, zod4(redeemSchema), { id: 'redeem' });
		if (!locals.actor) redirect(303, signInPath(joinPath(form.data.code)));
		if (!form.valid) return fail(400, { form });
		let granted: Granted;
		try {
			granted = await redeemInvitation(locals.actor, form.data, { ip: getClientAddress() });
		} catch (err) {
			return showInputError(form, err);
		}
		redirect(303, destination(granted));
	}
} satisfies Actions;
