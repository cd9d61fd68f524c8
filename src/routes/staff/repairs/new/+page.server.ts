import { fail, redirect } from '@sveltejs/kit';
import { superValidate, withFiles } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { deskRequestSchema } from '#lib/schemas/repairs.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { listRepairKinds, repairKindName } from '#lib/server/dictionaries/repair-kinds.ts';
import { db } from '#lib/server/db/client.ts';
import { enterRepair } from '#lib/server/repairs/intake.ts';
import { findIntakeUnit, intakeBuildings, slotChoices } from '#lib/server/repairs/staff-choices.ts';
import { postedFiles, readUploadForm } from '#lib/server/forms/upload-form.ts';

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'repairs.intake');
	const buildingId = url.searchParams.get('building') ?? '';
	const number = (url.searchParams.get('unit') ?? '').slice(0, 20);
	const [buildings, kinds, unit] = await Promise.all([
		intakeBuildings(locals.actor),
		listRepairKinds(db(), { activeOnly: true }),
		buildingId && number ? findIntakeUnit(locals.actor, buildingId, number) : null
	]);
	const locale = getLocale();
	const slots = unit ? await slotChoices(db(), { estateId: unit.estateId, kindCode: '' }, null) : [];
	const form = await superValidate(
		{ unitId: unit?.id ?? '', channel: 'phone' as const, location: 'unit' as const, appointment: 'call' as const },
		zod4(deskRequestSchema),
		{ errors: false }
	);
	return {
		buildings,
		lookup: {
			buildingId: buildings.some((b) => b.id === buildingId) ? buildingId : '',
			number,
			notFound: !!(buildingId && number && !unit)
		},
		unit,
		kinds: kinds.map((k) => ({ id: k.id, label: repairKindName(k, locale) })),
		slots,
		timeZone: unit?.timeZone ?? '',
		form
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals }) => {
		requireStaff(locals.actor, 'repairs.intake');
		const body = await readUploadForm(request);
		const form = await superValidate(body, zod4(deskRequestSchema));
		const photos = postedFiles(body);
		if (!form.valid) return fail(400, withFiles({ form }));
		let created: { id: string };
		try {
			created = await enterRepair(locals.actor, form.data, photos);
		} catch (err) {
			showInputError(form, err);
			return fail(400, withFiles({ form }));
		}
		redirect(303, `/staff/repairs/${created.id}?entered=1`);
	}
} satisfies Actions;
