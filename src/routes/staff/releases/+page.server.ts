import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { db } from '#lib/server/db/client.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { inputErrorFields } from '#lib/server/forms/field-errors.ts';
import { deskQueue } from '#lib/server/goods-release/queries.ts';
import { issueReleaseForUnit } from '#lib/server/goods-release/requests.ts';
import { cancelRelease, issueRelease, refuseRelease } from '#lib/server/goods-release/transitions.ts';
import { unitToday } from '#lib/server/property/occupancy.ts';
import { deskUnitLookup, typedUnit } from '#lib/server/repairs/case-unit-lookup.ts';

/** The desk's goods releases: the requests to issue or refuse, the slips issued from today, and a slip for a unit found by its number. */
export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'releases.issue');
	const [queue, { buildings, lookup, unit }] = await Promise.all([
		deskQueue(locals.actor),
		deskUnitLookup(locals.actor, typedUnit(url.searchParams), { permission: 'releases.issue' })
	]);
	return {
		queue,
		buildings,
		lookup,
		unit: unit && { id: unit.id, label: `${unit.buildingName} ${unit.number}`, today: await unitToday(db(), unit.id) }
	};
}) satisfies PageServerLoad;

const number = (data: FormData) => formText(data, 'number').slice(0, 10);

export const actions = {
	issue: async ({ request, locals }) => {
		requireStaff(locals.actor, 'releases.issue');
		const data = await request.formData();
		try {
			await issueRelease(locals.actor, formText(data, 'id'));
		} catch (err) {
			return fail(409, { slipId: formText(data, 'id'), errors: inputErrorFields(err) });
		}
		return { done: m.releases_issued_done({ number: number(data) }) };
	},
	refuse: async ({ request, locals }) => {
		requireStaff(locals.actor, 'releases.issue');
		const data = await request.formData();
		try {
			await refuseRelease(locals.actor, formText(data, 'id'), { reason: formText(data, 'reason') });
		} catch (err) {
			return fail(400, { slipId: formText(data, 'id'), errors: inputErrorFields(err) });
		}
		return { done: m.releases_refused_done({ number: number(data) }) };
	},
	cancel: async ({ request, locals }) => {
		requireStaff(locals.actor, 'releases.issue');
		const data = await request.formData();
		try {
			await cancelRelease(locals.actor, formText(data, 'id'), formText(data, 'reason'));
		} catch (err) {
			return fail(409, { slipId: formText(data, 'id'), errors: inputErrorFields(err) });
		}
		return { done: m.releases_desk_cancelled_done({ number: number(data) }) };
	},
	issueForUnit: async ({ request, locals }) => {
		requireStaff(locals.actor, 'releases.issue');
		const data = await request.formData();
		const values = {
			validOn: formText(data, 'validOn'),
			items: formText(data, 'items'),
			vehiclePlate: formText(data, 'vehiclePlate'),
			carrier: formText(data, 'carrier')
		};
		try {
			const issued = await issueReleaseForUnit(locals.actor, formText(data, 'unitId'), values);
			return { done: m.releases_issued_done({ number: issued.number }) };
		} catch (err) {
			return fail(400, { newSlip: true, values, errors: inputErrorFields(err) });
		}
	}
} satisfies Actions;
