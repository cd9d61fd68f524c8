import type { Actions, PageServerLoad } from './$types';
import { requireResident } from '#lib/server/auth/guards.ts';
import { visitActions } from '#lib/server/forms/visit-forms.ts';
import { visitDetail } from '#lib/server/visits/queries.ts';
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

export const actions = visitActions('/app/visits', {
	confirm: 'confirmed',
	propose: 'proposed',
	cancel: 'cancelled'
}) satisfies Actions;
