import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { z } from 'zod';
import { visitTargetSchema } from '#lib/schemas/visits.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { formAction } from '#lib/server/forms/form-action.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { addVisitTarget, partyOptions, planEstates, removeVisitTarget, visitPlan } from '#lib/server/visits/plans.ts';
import { estateVisits } from '#lib/server/visits/queries.ts';
import { businessToday } from '#lib/time/index.ts';

/** Which estate and year the page shows: the URL's when they are the actor's, else the first estate and this year. */
async function place(locals: App.Locals, url: URL) {
	requireStaff(locals.actor, 'visits.manage');
	const estates = await planEstates(locals.actor);
	const estate = estates.find((e) => e.id === url.searchParams.get('estate')) ?? estates[0];
	const thisYear = estate ? Number(businessToday(estate).slice(0, 4)) : new Date().getUTCFullYear();
	const asked = Number(url.searchParams.get('year'));
	const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
	return { estates, estate, year };
}

export const load = (async ({ locals, url }) => {
	const { estates, estate, year } = await place(locals, url);
	requireStaff(locals.actor, 'visits.manage');
	if (!estate) return { estates, estate: null, year, plan: null, parties: [], visits: { coming: [], past: [] } };
	const [plan, parties, visits] = await Promise.all([
		visitPlan(locals.actor, estate.id, year),
		partyOptions(locals.actor, estate.id),
		estateVisits(locals.actor, estate.id)
	]);
	return { estates, estate, year, plan, parties, visits };
}) satisfies PageServerLoad;

export const actions = {
	add: async (event) => {
		const { estate, year } = await place(event.locals, event.url);
		requireStaff(event.locals.actor, 'visits.manage');
		const form = await superValidate(event.request, zod4(visitTargetSchema), { id: 'add' });
		if (!form.valid || !estate) return fail(400, { form });
		try {
			await addVisitTarget(event.locals.actor, estate.id, year, form.data);
		} catch (err) {
			showInputError(form, err);
			return fail(400, { form });
		}
		return { form, added: true };
	},
	remove: (event) =>
		formAction(event, {
			id: 'remove',
			schema: z.object({ targetId: z.string().trim().max(40) }),
			run: (actor, data) => removeVisitTarget(actor, data.targetId),
			done: `/staff/visits?estate=${event.url.searchParams.get('estate') ?? ''}&year=${event.url.searchParams.get('year') ?? ''}`
		})
} satisfies Actions;
