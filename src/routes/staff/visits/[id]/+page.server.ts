import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { visitActions } from '#lib/server/forms/visit-forms.ts';
import { ownerChoices, visitDetail } from '#lib/server/visits/queries.ts';
import { businessToday, localDateTimeValue, zoneName } from '#lib/time/index.ts';

export const load = (async ({ locals, params, url }) => {
	requireSignedIn(locals.actor);
	const visit = await visitDetail(locals.actor, params.id);
	const mayFollowUp = visit.actions.includes('hold') || visit.actions.includes('follow_up');
	return {
		visit,
		owners: mayFollowUp ? await ownerChoices(locals.actor, visit.estateId) : [],
		today: businessToday({ timeZone: visit.timeZone }),
		zone: zoneName(visit.timeZone),
		suggested: localDateTimeValue(visit.proposedAt ?? visit.startsAt, visit.timeZone),
		done: url.searchParams.get('done')
	};
}) satisfies PageServerLoad;

export const actions = visitActions('/staff/visits', {
	confirm: 'done',
	accept: 'done',
	rebook: 'done',
	cancel: 'done',
	hold: 'held',
	followUp: 'done',
	answer: 'done',
	close: 'done'
}) satisfies Actions;
