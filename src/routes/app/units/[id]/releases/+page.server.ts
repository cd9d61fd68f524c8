import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { requireResident } from '#lib/server/auth/guards.ts';
import { requireMyUnit } from '#lib/server/residents/units.ts';
import { unitSlips } from '#lib/server/goods-release/queries.ts';
import { requestRelease } from '#lib/server/goods-release/requests.ts';
import { cancelRelease } from '#lib/server/goods-release/transitions.ts';
import { gateQrSvg } from '#lib/server/goods-release/qr.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { inputErrorFields } from '#lib/server/forms/field-errors.ts';
import { db } from '#lib/server/db/client.ts';
import { unitToday } from '#lib/server/property/occupancy.ts';

export const load = (async ({ locals, params }) => {
	requireResident(locals.actor);
	const [unit, slips] = await Promise.all([requireMyUnit(locals.actor, params.id), unitSlips(locals.actor, params.id)]);
	const qr = new Map(await Promise.all(slips.filter((s) => s.token).map(async (s) => [s.id, await gateQrSvg(s.token!)] as const)));
	return {
		unit: { id: unit.id, buildingName: unit.buildingName, number: unit.number },
		today: await unitToday(db(), unit.id),
		slips: slips.map((slip) => ({ ...slip, qr: qr.get(slip.id) ?? null }))
	};
}) satisfies PageServerLoad;

const fields = (data: FormData) => ({
	validOn: formText(data, 'validOn'),
	items: formText(data, 'items'),
	vehiclePlate: formText(data, 'vehiclePlate'),
	carrier: formText(data, 'carrier')
});

export const actions = {
	request: async ({ request, locals, params }) => {
		requireResident(locals.actor);
		const values = fields(await request.formData());
		try {
			const { number } = await requestRelease(locals.actor, params.id, values);
			return { done: m.releases_requested_done({ number }) };
		} catch (err) {
			return fail(400, { values, errors: inputErrorFields(err) });
		}
	},
	cancel: async ({ request, locals }) => {
		requireResident(locals.actor);
		const data = await request.formData();
		try {
			await cancelRelease(locals.actor, formText(data, 'id'));
		} catch (err) {
			return fail(409, { errors: inputErrorFields(err) });
		}
		return { done: m.releases_cancelled_done({ number: formText(data, 'number').slice(0, 10) }) };
	}
} satisfies Actions;
