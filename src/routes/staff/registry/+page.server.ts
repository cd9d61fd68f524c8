import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { can, requireStaff } from '#lib/server/auth/guards.ts';
import { createEstate, listEstates } from '#lib/server/property/estates.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { estateCreateSchema } from '#lib/schemas/registry.ts';
import { timeZoneChoices } from '#lib/time/index.ts';

export const load = (async ({ locals }) => {
	const estates = await listEstates(locals.actor!);
	const canAddEstate = can(locals.actor, 'registry.structure');
	return {
		estates,
		canAddEstate,
		timeZones: canAddEstate ? timeZoneChoices() : [],
		canImport: can(locals.actor, 'registry.import'),
		canWrite: can(locals.actor, 'registry.write'),
		estateForm: await superValidate(zod4(estateCreateSchema), { id: 'estate' })
	};
}) satisfies PageServerLoad;

export const actions = {
	estate: async ({ request, locals, getClientAddress }) => {
		requireStaff(locals.actor, 'registry.structure');
		const form = await superValidate(request, zod4(estateCreateSchema), { id: 'estate' });
		if (!form.valid) return fail(400, { form });
		try {
			await createEstate(locals.actor, form.data, { ip: getClientAddress() });
		} catch (err) {
			return showInputError(form, err);
		}
		return message(form, m.registry_estate_created());
	}
} satisfies Actions;
