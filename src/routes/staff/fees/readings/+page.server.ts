import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { readingBuildings, readingPrefill, readingsToday, recordReading } from '#lib/server/fees/readings.ts';
import { importReadingsCsv, READINGS_MAX_BYTES } from '#lib/server/fees/readings-csv.ts';
import { readingSchema, type ReadingMessage } from '#lib/schemas/fees-staff.ts';
import { readUploadForm } from '#lib/server/forms/upload-form.ts';
import { recordMeterChange } from '#lib/server/fees/meter-changes.ts';
import { meterChangeSchema, type MeterChangeMessage } from '#lib/schemas/meter-change.ts';

const adapter = zod4(readingSchema);
const changeAdapter = zod4(meterChangeSchema);

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'fees.manage');
	const [buildings, prefill, today] = await Promise.all([
		readingBuildings(locals.actor),
		readingPrefill(locals.actor, url.searchParams.get('unit')),
		readingsToday(locals.actor)
	]);
	const form = await superValidate(
		{
			buildingId: prefill?.buildingId ?? '',
			unitNumber: prefill?.unitNumber ?? '',
			meter: 'electricity' as const,
			readOn: today,
			value: ''
		},
		adapter,
		{ id: 'reading', errors: false }
	);
	const changeForm = await superValidate(
		{
			buildingId: prefill?.buildingId ?? '',
			unitNumber: prefill?.unitNumber ?? '',
			meter: 'electricity' as const,
			kind: 'replacement' as const,
			changedOn: today,
			finalValue: '',
			startValue: '',
			note: ''
		},
		changeAdapter,
		{ id: 'meter-change', errors: false }
	);
	return { buildings, form, changeForm, today };
}) satisfies PageServerLoad;

export const actions = {
	reading: async ({ request, locals }) => {
		requireStaff(locals.actor, 'fees.manage');
		const form = await superValidate(request, adapter, { id: 'reading' });
		if (!form.valid) return fail(400, { form });
		try {
			const saved = await recordReading(locals.actor, form.data);
			// Ready for the next meter of the same building: keep the building, meter and date.
			form.data.unitNumber = '';
			form.data.value = '';
			return message(form, {
				ok: true,
				text: m.feesstaff_reading_saved(),
				unitId: saved.unitId,
				unitNumber: saved.unitNumber
			} satisfies ReadingMessage);
		} catch (err) {
			return showInputError(form, err);
		}
	},
	/** A meter replaced or rolled over: the next bill charges both parts (fees/meter-changes.ts). */
	change: async ({ request, locals }) => {
		requireStaff(locals.actor, 'fees.manage');
		const form = await superValidate(request, changeAdapter, { id: 'meter-change' });
		if (!form.valid) return fail(400, { form });
		try {
			const saved = await recordMeterChange(locals.actor, form.data);
			form.data.unitNumber = '';
			form.data.finalValue = '';
			form.data.startValue = '';
			form.data.note = '';
			return message(form, {
				ok: true,
				text: form.data.kind === 'rollover' ? m.meters_rollover_saved() : m.meters_replacement_saved(),
				unitId: saved.unitId,
				unitNumber: saved.unitNumber
			} satisfies MeterChangeMessage);
		} catch (err) {
			return showInputError(form, err);
		}
	},
	// A plain multipart form (no superform): one file, and the report can be long.
	import: async ({ request, locals, getClientAddress }) => {
		requireStaff(locals.actor, 'fees.manage');
		let body: FormData;
		try {
			body = await readUploadForm(request);
		} catch {
			return fail(400, { fileError: m.feesstaff_csv_file_required() });
		}
		const file = body.get('file');
		if (!(file instanceof File) || (file.size === 0 && file.name === '')) return fail(400, { fileError: m.feesstaff_csv_file_required() });
		if (file.size > READINGS_MAX_BYTES) return fail(400, { fileError: m.files_csv_too_big({ max: READINGS_MAX_BYTES / 1024 / 1024 }) });
		const result = await importReadingsCsv(
			locals.actor,
			{ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
			{ ip: getClientAddress() }
		);
		if ('fileError' in result) return fail(400, { fileError: result.fileError });
		return result.imported ? { report: result } : fail(400, { report: result });
	}
} satisfies Actions;
