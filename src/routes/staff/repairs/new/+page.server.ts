import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { deskRequestSchema } from '#lib/schemas/repairs.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { listRepairKinds, repairKindName } from '#lib/server/dictionaries/repair-kinds.ts';
import { db } from '#lib/server/db/client.ts';
import { enterRepair } from '#lib/server/repairs/intake.ts';
import { slotChoices } from '#lib/server/repairs/staff-choices.ts';
import { deskUnitLookup, typedUnit } from '#lib/server/repairs/case-unit-lookup.ts';
import { deskIntakeAction } from '#lib/server/forms/desk-intake.ts';
import { readUploadForm } from '#lib/server/forms/upload-form.ts';

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'repairs.intake');
	const [{ buildings, lookup, unit }, kinds] = await Promise.all([
		deskUnitLookup(locals.actor, typedUnit(url.searchParams), { permission: 'repairs.intake' }),
		listRepairKinds(db(), { activeOnly: true })
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
		lookup,
		unit,
		kinds: kinds.map((k) => ({ id: k.id, label: repairKindName(k, locale) })),
		slots,
		timeZone: unit?.timeZone ?? '',
		form
	};
}) satisfies PageServerLoad;

export const actions = {
	default: deskIntakeAction({
		permission: 'repairs.intake',
		schema: deskRequestSchema,
		read: (request) => readUploadForm(request),
		enter: enterRepair,
		page: (id) => `/staff/repairs/${id}?entered=1`
	})
} satisfies Actions;
