import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { buildingOptions } from '#lib/server/property/estates.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { createUnit } from '#lib/server/property/units.ts';
import { unitCreateSchema } from '#lib/schemas/registry.ts';

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'registry.write');
	const building = url.searchParams.get('building');
	const defaults = { buildingId: isUuid(building) ? building : '', floor: 1, number: '', areaM2: '', use: 'residential' as const };
	return {
		buildings: await buildingOptions(locals.actor),
		form: await superValidate(defaults, zod4(unitCreateSchema), { errors: false })
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, getClientAddress }) => {
		requireStaff(locals.actor, 'registry.write');
		const form = await superValidate(request, zod4(unitCreateSchema));
		if (!form.valid) return fail(400, { form });
		let id: string;
		try {
			({ id } = await createUnit(locals.actor, form.data, { ip: getClientAddress() }));
		} catch (err) {
			return showInputError(form, err);
		}
		redirect(303, `/staff/registry/units/${id}?created=1`);
	}
} satisfies Actions;
