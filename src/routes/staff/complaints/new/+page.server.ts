import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { deskComplaintSchema } from '#lib/schemas/complaints.ts';
import { localDateTimeValue } from '#lib/time/index.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { db } from '#lib/server/db/client.ts';
import { listComplaintKinds } from '#lib/server/dictionaries/complaint-kinds.ts';
import { localizedName } from '#lib/server/dictionaries/localized-name.ts';
import { deskIntakeAction } from '#lib/server/forms/desk-intake.ts';
import { readUploadForm } from '#lib/server/forms/upload-form.ts';
import { enterComplaint } from '#lib/server/complaints/intake.ts';
import { deskUnitLookup, typedUnit } from '#lib/server/repairs/case-unit-lookup.ts';

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'complaints.intake');
	const [{ buildings, lookup, unit }, kinds] = await Promise.all([
		deskUnitLookup(locals.actor, typedUnit(url.searchParams), { permission: 'complaints.intake' }),
		listComplaintKinds(db(), { activeOnly: true })
	]);
	const locale = getLocale();
	const inTwoHours = new Date(Date.now() + 2 * 3_600_000);
	const form = await superValidate(
		{
			unitId: unit?.id ?? '',
			channel: 'phone' as const,
			location: 'unit' as const,
			severity: 'normal' as const,
			promisedReplyBy: unit ? `${localDateTimeValue(inTwoHours, unit.timeZone).slice(0, 14)}00` : ''
		},
		zod4(deskComplaintSchema),
		{ errors: false }
	);
	return {
		buildings,
		lookup,
		unit,
		kinds: kinds.map((k) => ({ id: k.id, label: localizedName(k, locale) })),
		form
	};
}) satisfies PageServerLoad;

export const actions = {
	default: deskIntakeAction({
		permission: 'complaints.intake',
		schema: deskComplaintSchema,
		read: (request) => readUploadForm(request),
		enter: enterComplaint,
		page: (id) => `/staff/complaints/${id}?done=entered`
	})
} satisfies Actions;
