import { error, fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { can, requireStaff } from '#lib/server/auth/guards.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { createBuilding, getEstate } from '#lib/server/property/estates.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { buildingCreateSchema } from '#lib/schemas/registry.ts';

export const load = (async ({ locals, params }) => {
	const estate = await getEstate(locals.actor!, params.id);
	return {
		estate,
		canAddBuilding: can(locals.actor, 'registry.structure'),
		buildingForm: await superValidate({ estateId: estate.id }, zod4(buildingCreateSchema), { id: 'building', errors: false })
	};
}) satisfies PageServerLoad;

export const actions = {
	building: async ({ request, locals, params, getClientAddress }) => {
		requireStaff(locals.actor, 'registry.structure');
		if (!isUuid(params.id)) error(404, 'Not found');
		// The estate is the one in the URL, whatever the form says.
		const body = await request.formData();
		body.set('estateId', params.id);
		const form = await superValidate(body, zod4(buildingCreateSchema), { id: 'building' });
		if (!form.valid) return fail(400, { form });
		try {
			await createBuilding(locals.actor, form.data, { ip: getClientAddress() });
		} catch (err) {
			return showInputError(form, err);
		}
		form.data.code = '';
		form.data.name = '';
		return message(form, m.registry_building_created());
	}
} satisfies Actions;
