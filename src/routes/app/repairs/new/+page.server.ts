import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate, withFiles, type SuperValidated } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { repairRequestSchema, type RepairRequestInput } from '#lib/schemas/repairs.ts';
import { requireResident } from '#lib/server/auth/guards.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { getProfile } from '#lib/server/accounts/profile.ts';
import { listRepairKinds, repairKindName } from '#lib/server/dictionaries/repair-kinds.ts';
import { photoFieldText, slotPickerText } from '#lib/components/repairs/texts.ts';
import { photoLimits } from '#lib/server/files/photos.ts';
import { fileRepair } from '#lib/server/repairs/intake.ts';
import { checkPhotos } from '#lib/server/repairs/photos.ts';
import { openSlotsForMyUnits } from '#lib/server/repairs/resident-slots.ts';
import { myUnits } from '#lib/server/residents/units.ts';
import { postedFiles, readUploadForm } from '#lib/server/forms/upload-form.ts';

/**
 * The page's fixed wording, rendered here in the reader's language: a phone then downloads one
 * language's text as page data instead of every language's messages as JavaScript, which keeps
 * this page within its budget of 60 KB of gzipped JavaScript.
 */
function pageText() {
	return {
		appName: m.app_name(),
		formFixErrors: m.form_fix_errors(),
		accessNotes: m.repairs_resident_access_notes(),
		accessNotesHint: m.repairs_resident_access_notes_hint(),
		callMe: m.repairs_resident_call_me(),
		callMeHint: m.repairs_resident_call_me_hint(),
		choose: m.repairs_resident_choose(),
		contactName: m.repairs_resident_contact_name(),
		contactPhone: m.repairs_resident_contact_phone(),
		description: m.repairs_resident_description(),
		descriptionHint: m.repairs_resident_description_hint(),
		enterWhenAbsent: m.repairs_resident_enter_when_absent(),
		kind: m.repairs_resident_kind(),
		listTitle: m.repairs_resident_list_title(),
		location: m.repairs_resident_location(),
		locationCommon: m.repairs_resident_location_common(),
		locationUnit: m.repairs_resident_location_unit(),
		newTitle: m.repairs_resident_new_title(),
		noUnits: m.repairs_resident_no_units(),
		orPickTime: m.repairs_resident_or_pick_time(),
		photos: m.repairs_resident_photos(),
		sectionAccess: m.repairs_resident_section_access(),
		sectionProblem: m.repairs_resident_section_problem(),
		sectionWhen: m.repairs_resident_section_when(),
		sendFailed: m.repairs_resident_send_failed(),
		submit: m.repairs_resident_submit(),
		unit: m.repairs_resident_unit(),
		whereCommon: m.repairs_resident_where_common(),
		whereHint: m.repairs_resident_where_hint(),
		whereUnit: m.repairs_resident_where_unit(),
		photosHint: m.repairs_resident_photos_hint({ max: photoLimits.maxPhotos }),
		sending: m.repairs_resident_sending({ percent: '{percent}' }),
		sentWaiting: m.repairs_resident_sent_waiting(),
		photoField: photoFieldText(),
		slotPicker: slotPickerText()
	};
}

export const load = (async ({ locals, url }) => {
	requireResident(locals.actor);
	const [units, kinds, profile, slots] = await Promise.all([
		myUnits(locals.actor),
		listRepairKinds(undefined, { activeOnly: true }),
		getProfile(locals.actor),
		openSlotsForMyUnits(locals.actor)
	]);
	const wanted = url.searchParams.get('unit');
	const unitId = units.find((u) => u.id === wanted)?.id ?? (units.length === 1 ? units[0]!.id : '');
	const kindId = kinds.find((k) => k.id === url.searchParams.get('kind'))?.id ?? '';
	const form = await superValidate(
		{ unitId, kindId, contactName: profile.name, contactPhone: profile.phone, location: 'unit' as const },
		zod4(repairRequestSchema),
		{ errors: false }
	);
	const locale = getLocale();
	return {
		form,
		text: pageText(),
		units: units.map((u) => ({
			id: u.id,
			estateName: u.estateName,
			label: `${m.resident_unit_short({ building: u.buildingName, number: u.number })} · ${u.estateName}`
		})),
		kinds: kinds.map((k) => ({ id: k.id, code: k.code, name: repairKindName(k, locale) })),
		unitEstates: slots.unitEstates,
		estates: slots.estates
	};
}) satisfies PageServerLoad;

/**
 * One radio group offers "call me" (value "call") and the open times (slot ids); the schema
 * keeps them apart as `appointment` and `slotId`. Nothing chosen asks for a choice.
 */
function splitAppointmentChoice(body: FormData): void {
	const choice = body.get('slotId');
	body.set('appointment', choice === 'call' ? 'call' : 'slot');
	if (choice === 'call' || typeof choice !== 'string') body.set('slotId', '');
}

/**
 * A refused filing: the messages at their fields, and how many photos were posted — the browser
 * does not keep chosen files across a page load, so the page asks for them again.
 */
function refuse(form: SuperValidated<RepairRequestInput>, photos: File[]) {
	return fail(400, withFiles({ form, photosPosted: photos.length }));
}

export const actions = {
	default: async ({ request, locals }) => {
		requireResident(locals.actor);
		let body: FormData;
		try {
			body = await readUploadForm(request);
		} catch {
			error(400, 'Unreadable form');
		}
		splitAppointmentChoice(body);
		const form = await superValidate(body, zod4(repairRequestSchema));
		const photos = postedFiles(body);
		if (!form.valid) {
			// Check the photos too, so every problem shows at once; nothing is stored.
			await checkPhotos(photos).catch((err: unknown) => showInputError(form, err));
			return refuse(form, photos);
		}
		let filed: { id: string };
		try {
			filed = await fileRepair(locals.actor, form.data, photos);
		} catch (err) {
			showInputError(form, err);
			return refuse(form, photos);
		}
		redirect(303, `/app/repairs/${filed.id}?filed=1`);
	}
} satisfies Actions;
