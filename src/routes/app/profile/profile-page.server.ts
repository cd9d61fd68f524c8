import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { type Actor } from '#lib/server/auth/actor.ts';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { changePasswordSchema, profileSchema } from '#lib/schemas/auth.ts';
import { blankPasswords } from '#lib/server/accounts/blank-passwords.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { changePassword, getProfile, signOutOtherDevices, updateProfile } from '#lib/server/accounts/profile.ts';

// The profile page of residents (/app/profile) and staff (/staff/profile): one service, one page.

interface ActionEvent {
	request: Request;
	locals: { actor: Actor | null };
}

export async function loadProfilePage(actor: Actor | null) {
	requireSignedIn(actor);
	const profile = await getProfile(actor);
	return {
		profile,
		profileForm: await superValidate({ name: profile.name, phone: profile.phone }, zod4(profileSchema), { id: 'profile' }),
		passwordForm: await superValidate(zod4(changePasswordSchema), { id: 'password' })
	};
}

export const profileActions = {
	profile: async ({ request, locals }: ActionEvent) => {
		requireSignedIn(locals.actor);
		const form = await superValidate(request, zod4(profileSchema), { id: 'profile' });
		if (!form.valid) return fail(400, { form });
		try {
			await updateProfile(locals.actor, form.data);
		} catch (err) {
			return showInputError(form, err);
		}
		return message(form, m.form_saved());
	},
	password: async ({ request, locals }: ActionEvent) => {
		requireSignedIn(locals.actor);
		const form = await superValidate(request, zod4(changePasswordSchema), { id: 'password' });
		const input = { ...form.data };
		blankPasswords(form.data, 'currentPassword', 'password', 'confirm');
		if (!form.valid) return fail(400, { form });
		try {
			await changePassword(locals.actor, input);
		} catch (err) {
			return showInputError(form, err);
		}
		return message(form, m.auth_password_changed());
	},
	signOutOthers: async ({ locals }: ActionEvent) => {
		requireSignedIn(locals.actor);
		await signOutOtherDevices(locals.actor);
		return { othersSignedOut: true };
	}
};
