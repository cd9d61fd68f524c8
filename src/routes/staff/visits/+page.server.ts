import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { z } from 'zod';
import { visitTargetSchema } from '#lib/schemas/visits.ts';
import { formAction } from '#lib/server/forms/form-action.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { addVisitTarget, planPlace, removeVisitTarget } from '#lib/server/visits/plans.ts';
import { visitPlanPage } from '#lib/server/visits/queries.ts';

const asked = (url: URL) => ({ estate: url.searchParams.get('estate'), year: url.searchParams.get('year') });

export const load = (async ({ locals, url }) => visitPlanPage(locals.actor, asked(url))) satisfies PageServerLoad;

export const actions = {
	add: async (event) => {
		const { estate, year } = await planPlace(event.locals.actor, asked(event.url));
		const form = await superValidate(event.request, zod4(visitTargetSchema), { id: 'add' });
		if (!form.valid || !estate) return fail(400, { form });
		try {
			return { form, added: await addVisitTarget(event.locals.actor, estate.id, year, form.data) };
		} catch (err) {
			showInputError(form, err);
			return fail(400, { form });
		}
	},
	remove: (event) =>
		formAction(event, {
			id: 'remove',
			schema: z.object({ targetId: z.string().trim().max(40) }),
			run: (actor, data) => removeVisitTarget(actor, data.targetId),
			done: `/staff/visits?estate=${event.url.searchParams.get('estate') ?? ''}&year=${event.url.searchParams.get('year') ?? ''}`
		})
} satisfies Actions;
