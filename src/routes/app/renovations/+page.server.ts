import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireResident, requireSignedIn } from '#lib/server/auth/guards.ts';
import { myRenovations } from '#lib/server/renovations/queries.ts';
import { startApplication } from '#lib/server/renovations/applications.ts';
import { myUnits } from '#lib/server/residents/units.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { inputErrorFields } from '#lib/server/forms/field-errors.ts';
import { renovationReference } from '#lib/references.ts';

export const load = (async ({ locals }) => {
	requireSignedIn(locals.actor);
	const [applications, units] = await Promise.all([
		myRenovations(locals.actor),
		// Contractors are invited onto applications; only residents start them.
		locals.actor.kind === 'resident' ? myUnits(locals.actor) : []
	]);
	return {
		applications: applications.map((a) => ({ id: a.id, reference: renovationReference(a.seq), state: a.state, unitNumber: a.unitNumber })),
		units: units.map((u) => ({ id: u.id, number: u.number, buildingName: u.buildingName }))
	};
}) satisfies PageServerLoad;

export const actions = {
	start: async ({ request, locals }) => {
		requireResident(locals.actor);
		let id: string;
		try {
			id = await startApplication(locals.actor, formText(await request.formData(), 'unitId'));
		} catch (err) {
			return fail(400, { errors: inputErrorFields(err) });
		}
		redirect(303, `/app/renovations/${id}`);
	}
} satisfies Actions;
