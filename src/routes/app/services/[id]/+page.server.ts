import type { Actions, PageServerLoad } from './$types';
import type { ServiceEventKind } from '#lib/server/service-applications/machine.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { serviceWithdrawSchema } from '#lib/schemas/service-applications.ts';
import { answerLines } from '#lib/service-labels.ts';
import { requireResident } from '#lib/server/auth/guards.ts';
import { localizedName } from '#lib/server/dictionaries/localized-name.ts';
import { formAction } from '#lib/server/forms/form-action.ts';
import { applicationDetail } from '#lib/server/service-applications/queries.ts';
import { withdrawApplication } from '#lib/server/service-applications/service.ts';

export const load = (async ({ locals, params, url }) => {
	requireResident(locals.actor);
	const locale = getLocale();
	const detail = await applicationDetail(locals.actor, params.id);
	return {
		filed: url.searchParams.get('filed') === '1',
		application: {
			id: detail.id,
			reference: detail.reference,
			kind: localizedName(detail.kind, locale),
			state: detail.state,
			place: `${detail.buildingName} ${detail.unitNumber}`,
			createdAt: detail.createdAt,
			timeZone: detail.timeZone,
			decisionNote: detail.decisionNote,
			answers: answerLines(detail.fields, detail.answers, locale),
			bill: detail.bill && { id: detail.bill.id, totalMinor: detail.bill.totalMinor, currency: detail.bill.currency }
		},
		canWithdraw: detail.actions.includes('withdraw'),
		timeline: detail.timeline.map((e) => ({ id: e.id, at: e.at, kind: e.kind as ServiceEventKind, note: e.note }))
	};
}) satisfies PageServerLoad;

export const actions = {
	withdraw: (event) =>
		formAction(event, {
			id: 'withdraw',
			schema: serviceWithdrawSchema,
			run: (actor) => withdrawApplication(actor, event.params.id),
			done: `/app/services/${event.params.id}`
		})
} satisfies Actions;
