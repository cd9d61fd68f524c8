import type { Actions, PageServerLoad } from './$types';
import { customerProfile, activeCustomerTypes } from '#lib/server/customers/profile.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { profileForm, saveProfile } from '../../profile-action.ts';

export const load = (async ({ locals, params }) => {
	requireStaff(locals.actor, 'customers.profile');
	const profile = await customerProfile(locals.actor, params.id);
	const [form, types] = await Promise.all([profileForm(profile), activeCustomerTypes(getLocale())]);
	return { profile, form, types };
}) satisfies PageServerLoad;

export const actions = { profile: saveProfile } satisfies Actions;
