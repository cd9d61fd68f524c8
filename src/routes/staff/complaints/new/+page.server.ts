import { fail, redirect } from '@sveltejs/kit';
import { superValidate, withFiles } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { deskComplaintSchema } from '#lib/schemas/complaints.ts';
import { localDateTimeValue } from '#lib/time/index.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { db } from '#lib/server/db/client.ts';
import { listComplaintKinds } from '#lib/server/dictionaries/complaint-kinds.ts';
import { localizedName } from '#lib/server/dictionaries/localized-name.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { postedFiles, readUploadForm } from '#lib/server/forms/upload-form.ts';
import { enterComplaint } from '#lib/server/complaints/intake.ts';
import { findIntakeUnit, intakeBuildings } from '#lib/server/repairs/staff-choices.ts';

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'complaints.intake');
	const buildingId = url.searchParams.get('building') ?? '';
	const number = (url.searchParams.get('unit') ?? '').slice(0, 20);
	const [buildings, kinds, unit] = await Promise.all([
		intakeBuildings(locals.actor, db(), 'complaints.intake'),
		listComplaintKinds(db(), { activeOnly: true }),
		buildingId && number ? findIntakeUnit(locals.actor, buildingId, number, db(), 'complaints.intake') : null
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
		lookup: {
			buildingId: buildings.some((b) => b.id === buildingId) ? buildingId : '',
			number,
			notFound: !!(buildingId && number && !unit)
		},
		unit,
		kinds: kinds.map((k) => ({ id: k.id, label: localizedName(k, locale) })),
		form
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals }) => {
		requireStaff(locals.actor, 'complaints.intake');
		const body = await readUploadForm(request);
		const form = await superValidate(body, zod4(deskComplaintSchema));
		const photos = postedFiles(body);
		if (!form.valid) return fail(400, withFiles({ form }));
		let created: { id: string };
		try {
			created = await enterComplaint(locals.actor, form.data, photos);
		} catch (err) {
			showInputError(form, err);
			return fail(400, withFiles({ form }));
		}
		redirect(303, `/staff/complaints/${created.id}?done=entered`);
	}
} satisfies Actions;
