/**
 * The customer profile form's server side (ProfileForm.svelte), for any page that shows it: the
 * form for a customer's profile, and the action that saves it (`actions = { profile: saveProfile }`).
 * The form names its customer by party, so a page may offer it for a party without a customers row.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '#lib/paraglide/messages.js';
import { customerProfileSchema } from '#lib/schemas/customer-profile.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { updateCustomerProfile, type CustomerProfile } from '#lib/server/customers/profile.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';

const FORM_ID = 'profile';

/** The form filled with the profile as saved ("confirmed today" left unticked). */
export function profileForm(profile: Pick<CustomerProfile, 'party' | 'typeId' | 'licenceNo' | 'licenceExpiresOn'>) {
	const values = {
		party: profile.party,
		typeId: profile.typeId ?? '',
		licenceNo: profile.licenceNo,
		licenceExpiresOn: profile.licenceExpiresOn ?? '',
		contactsConfirmed: false
	};
	return superValidate(values, zod4(customerProfileSchema), { id: FORM_ID, errors: false });
}

/** Saves the posted profile; a refusal comes back at its field. */
export async function saveProfile({ request, locals }: Pick<RequestEvent, 'request' | 'locals'>) {
	requireStaff(locals.actor, 'customers.profile');
	const form = await superValidate(request, zod4(customerProfileSchema), { id: FORM_ID });
	if (!form.valid) return fail(400, { form });
	try {
		await updateCustomerProfile(locals.actor, form.data);
	} catch (err) {
		return showInputError(form, err);
	}
	form.data.contactsConfirmed = false;
	return message(form, m.accuracy_profile_saved());
}
