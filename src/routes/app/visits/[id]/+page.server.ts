import type { Actions, PageServerLoad } from './$types';
import { requireResident } from '#lib/server/auth/guards.ts';
import { formAction } from '#lib/server/forms/form-action.ts';
import { visitCancelSchema, visitShownTimeSchema, visitTimeSchema } from '#lib/schemas/visits.ts';
import { visitDetail } from '#lib/server/visits/queries.ts';
import { cancelVisit, confirmVisit, proposeVisitTime } from '#lib/server/visits/steps.ts';
import { localDateTimeValue, zoneName } from '#lib/time/index.ts';

export const load = (async ({ locals, params, url }) => {
	requireResident(locals.actor);
	const visit = await visitDetail(locals.actor, params.id);
	return {
		visit,
		done: url.searchParams.get('done'),
		zone: zoneName(visit.timeZone),
		// The proposal field starts a day after the time booked, on the estate's clock.
		suggested: localDateTimeValue(new Date(visit.startsAt.getTime() + 86_400_000), visit.timeZone)
	};
}) satisfies PageServerLoad;

const back = (id: string, done: string) => `/app/visits/${id}?done=${done}`;

export const actions = {
	confirm: (event) =>
		formAction(event, {
			id: 'confirm',
			schema: visitShownTimeSchema,
			run: (actor, data) => confirmVisit(actor, event.params.id, data),
			done: back(event.params.id, 'confirmed')
		}),
	propose: (event) =>
		formAction(event, {
			id: 'propose',
			schema: visitTimeSchema,
			run: (actor, data) => proposeVisitTime(actor, event.params.id, data),
			done: back(event.params.id, 'proposed')
		}),
	cancel: (event) =>
		formAction(event, {
			id: 'cancel',
			schema: visitCancelSchema,
			run: (actor, data) => cancelVisit(actor, event.params.id, data),
			done: back(event.params.id, 'cancelled')
		})
} satisfies Actions;
