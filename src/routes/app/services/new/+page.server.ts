import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { checkAnswers } from '#lib/schemas/service-applications.ts';
import { fieldLabel } from '#lib/service-labels.ts';
import { requireResident } from '#lib/server/auth/guards.ts';
import { db } from '#lib/server/db/client.ts';
import { kindFields, listServiceApplicationKinds } from '#lib/server/dictionaries/service-application-kinds.ts';
import { localizedName } from '#lib/server/dictionaries/localized-name.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { myUnits } from '#lib/server/residents/units.ts';
import { answerFieldName, submitApplication } from '#lib/server/service-applications/service.ts';

export const load = (async ({ locals, url }) => {
	requireResident(locals.actor);
	const locale = getLocale();
	const [units, kinds] = await Promise.all([myUnits(locals.actor), listServiceApplicationKinds(db(), { activeOnly: true })]);
	const chosen = kinds.find((k) => k.id === url.searchParams.get('kind')) ?? null;
	return {
		units: units.map((u) => ({
			id: u.id,
			label: `${m.resident_unit_short({ building: u.buildingName, number: u.number })} · ${u.estateName}`
		})),
		kinds: kinds.map((k) => ({ id: k.id, name: localizedName(k, locale) })),
		kind: chosen && {
			id: chosen.id,
			name: localizedName(chosen, locale),
			leadWorkingHours: chosen.leadWorkingHours,
			hasFee: chosen.feeItemId !== null,
			fields: kindFields(chosen).map((f) => ({
				name: answerFieldName(f.key),
				type: f.type,
				label: fieldLabel(f, locale),
				required: f.required,
				options: f.options.map((o) => ({ value: o.value, label: fieldLabel(o, locale) }))
			}))
		}
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals }) => {
		requireResident(locals.actor);
		let body: FormData;
		try {
			body = await request.formData();
		} catch {
			error(400, 'Unreadable form');
		}
		const text = (name: string) => {
			const value = body.get(name);
			return typeof value === 'string' ? value : '';
		};
		const values = Object.fromEntries([...body.keys()].filter((k) => k.startsWith('f_')).map((k) => [k, text(k)]));
		const input = {
			unitId: text('unitId'),
			kindId: text('kindId'),
			answers: Object.fromEntries(Object.entries(values).map(([k, v]) => [k.slice(2), v]))
		};
		// Every problem with the answers at once, at its field; the service checks them again.
		const kinds = await listServiceApplicationKinds(db(), { activeOnly: true });
		const kind = kinds.find((k) => k.id === input.kindId);
		const errors: Record<string, string> = {};
		if (kind) for (const p of checkAnswers(kindFields(kind), input.answers).problems) errors[answerFieldName(p.key)] = p.message;
		if (!input.unitId) errors.unitId = m.services_unit_not_yours();
		if (Object.keys(errors).length) return fail(400, { errors, values: { ...values, unitId: input.unitId } });
		let filed: { id: string };
		try {
			filed = await submitApplication(locals.actor, input);
		} catch (err) {
			if (!(err instanceof InputError)) throw err;
			return fail(400, { errors: { [err.field]: err.message }, values: { ...values, unitId: input.unitId } });
		}
		redirect(303, `/app/services/${filed.id}?filed=1`);
	}
} satisfies Actions;
