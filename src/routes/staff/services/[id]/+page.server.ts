import type { Actions, PageServerLoad } from './$types';
import type { ServiceEventKind } from '#lib/server/service-applications/machine.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { serviceDecisionSchema, serviceRejectionSchema } from '#lib/schemas/service-applications.ts';
import { answerLines } from '#lib/service-labels.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { localizedName } from '#lib/server/dictionaries/localized-name.ts';
import { formAction } from '#lib/server/forms/form-action.ts';
import { applicationDetail } from '#lib/server/service-applications/queries.ts';
import { approveApplication, completeApplication, rejectApplication } from '#lib/server/service-applications/service.ts';

export const load = (async ({ locals, params }) => {
	requireStaff(locals.actor, 'services.read');
	const locale = getLocale();
	const detail = await applicationDetail(locals.actor, params.id);
	return {
		application: {
			id: detail.id,
			reference: detail.reference,
			kind: localizedName(detail.kind, locale),
			state: detail.state,
			department: detail.department,
			place: `${detail.estateName} · ${detail.buildingName} ${detail.unitNumber}`,
			unitId: detail.unitId,
			submitterName: detail.submitterName,
			createdAt: detail.createdAt,
			requestedFor: detail.requestedFor,
			timeZone: detail.timeZone,
			decisionNote: detail.decisionNote,
			answers: answerLines(detail.fields, detail.answers, locale),
			bill: detail.bill
		},
		fee: detail.fee && {
			name: localizedName(detail.fee.item, locale),
			quantity: detail.fee.quantity,
			priceMicro: detail.fee.item.priceMicro!,
			amountMinor: detail.fee.amountMinor,
			currency: detail.fee.currency
		},
		feeProblem: detail.feeProblem,
		actions: detail.actions,
		timeline: detail.timeline.map((e) => ({ id: e.id, at: e.at, kind: e.kind as ServiceEventKind, note: e.note, actorName: e.actorName }))
	};
}) satisfies PageServerLoad;

const back = (id: string) => `/staff/services/${id}`;

export const actions = {
	approve: (event) =>
		formAction(event, {
			id: 'approve',
			schema: serviceDecisionSchema,
			run: (actor, data) => approveApplication(actor, event.params.id, data),
			done: back(event.params.id)
		}),
	reject: (event) =>
		formAction(event, {
			id: 'reject',
			schema: serviceRejectionSchema,
			run: (actor, data) => rejectApplication(actor, event.params.id, data),
			done: back(event.params.id)
		}),
	complete: (event) =>
		formAction(event, {
			id: 'complete',
			schema: serviceDecisionSchema,
			run: (actor, data) => completeApplication(actor, event.params.id, data),
			done: back(event.params.id)
		})
} satisfies Actions;
