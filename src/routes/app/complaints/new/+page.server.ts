import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate, withFiles } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { m } from '#lib/paraglide/messages.js';
import { complaintSchema } from '#lib/schemas/complaints.ts';
import { requireResident } from '#lib/server/auth/guards.ts';
import { getProfile } from '#lib/server/accounts/profile.ts';
import { db } from '#lib/server/db/client.ts';
import { listComplaintKinds } from '#lib/server/dictionaries/complaint-kinds.ts';
import { localizedName } from '#lib/server/dictionaries/localized-name.ts';
import { photoLimits } from '#lib/server/files/photos.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { postedFiles, readUploadForm } from '#lib/server/forms/upload-form.ts';
import { fileComplaint } from '#lib/server/complaints/intake.ts';
import { checkPhotos } from '#lib/server/repairs/photos.ts';
import { myUnits } from '#lib/server/residents/units.ts';

export const load = (async ({ locals }) => {
	requireResident(locals.actor);
	const [units, kinds, profile] = await Promise.all([
		myUnits(locals.actor),
		listComplaintKinds(db(), { activeOnly: true }),
		getProfile(locals.actor)
	]);
	const locale = getLocale();
	const form = await superValidate(
		{ unitId: units.length === 1 ? units[0]!.id : '', complainantName: profile.name, phone: profile.phone, location: 'unit' as const },
		zod4(complaintSchema),
		{ errors: false }
	);
	return {
		form,
		maxPhotos: photoLimits.maxPhotos,
		units: units.map((u) => ({
			id: u.id,
			label: `${m.resident_unit_short({ building: u.buildingName, number: u.number })} · ${u.estateName}`
		})),
		kinds: kinds.map((k) => ({ id: k.id, label: localizedName(k, locale) }))
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals }) => {
		requireResident(locals.actor);
		let body: FormData;
		try {
			body = await readUploadForm(request);
		} catch {
			error(400, 'Unreadable form');
		}
		const form = await superValidate(body, zod4(complaintSchema));
		const photos = postedFiles(body);
		if (!form.valid) {
			// Check the photos too, so every problem shows at once; nothing is stored.
			await checkPhotos(photos).catch((err: unknown) => showInputError(form, err));
			return fail(400, withFiles({ form }));
		}
		let filed: { id: string };
		try {
			filed = await fileComplaint(locals.actor, form.data, photos);
		} catch (err) {
			showInputError(form, err);
			return fail(400, withFiles({ form }));
		}
		redirect(303, `/app/complaints/${filed.id}?filed=1`);
	}
} satisfies Actions;
