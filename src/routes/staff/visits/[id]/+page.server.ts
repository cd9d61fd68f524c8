import type { Actions, PageServerLoad } from './$types';
import { z } from 'zod';
import {
	visitCancelSchema,
	visitFollowUpAnswerSchema,
	visitFollowUpSchema,
	visitHoldSchema,
	visitShownTimeSchema,
	visitTimeSchema
} from '#lib/schemas/visits.ts';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { formAction } from '#lib/server/forms/form-action.ts';
import { addFollowUp, answerFollowUp } from '#lib/server/visits/follow-ups.ts';
import { ownerChoices, visitDetail } from '#lib/server/visits/queries.ts';
import { acceptVisitProposal, cancelVisit, closeVisit, confirmVisit, holdVisit, rebookVisit } from '#lib/server/visits/steps.ts';
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

const back = (id: string, done: string) => `/staff/visits/${id}?done=${done}`;

export const actions = {
	confirm: (event) =>
		formAction(event, {
			id: 'confirm',
			schema: visitShownTimeSchema,
			run: (actor, data) => confirmVisit(actor, event.params.id, data),
			done: back(event.params.id, 'done')
		}),
	accept: (event) =>
		formAction(event, {
			id: 'accept',
			schema: visitShownTimeSchema,
			run: (actor, data) => acceptVisitProposal(actor, event.params.id, data),
			done: back(event.params.id, 'done')
		}),
	rebook: (event) =>
		formAction(event, {
			id: 'rebook',
			schema: visitTimeSchema,
			run: (actor, data) => rebookVisit(actor, event.params.id, data),
			done: back(event.params.id, 'done')
		}),
	cancel: (event) =>
		formAction(event, {
			id: 'cancel',
			schema: visitCancelSchema,
			run: (actor, data) => cancelVisit(actor, event.params.id, data),
			done: back(event.params.id, 'done')
		}),
	hold: (event) =>
		formAction(event, {
			id: 'hold',
			schema: visitHoldSchema,
			run: (actor, data) => holdVisit(actor, event.params.id, data),
			done: back(event.params.id, 'held')
		}),
	followUp: (event) =>
		formAction(event, {
			id: 'followUp',
			schema: visitFollowUpSchema,
			run: (actor, data) => addFollowUp(actor, event.params.id, data),
			done: back(event.params.id, 'done')
		}),
	answer: (event) =>
		formAction(event, {
			id: 'answer',
			schema: visitFollowUpAnswerSchema,
			run: (actor, data) => answerFollowUp(actor, event.params.id, data),
			done: back(event.params.id, 'done')
		}),
	close: (event) =>
		formAction(event, {
			id: 'close',
			schema: z.object({}),
			run: (actor) => closeVisit(actor, event.params.id),
			done: back(event.params.id, 'done')
		})
} satisfies Actions;
