/**
 * The form actions of a visit, shared by the resident's page and the office's: each step's form
 * and the one service call it makes. A page names the steps it offers and what its `?done=` says
 * after each; who may take which step is the service's to decide, not the page's.
 */
import { z } from 'zod';
import {
	visitCancelSchema,
	visitFollowUpAnswerSchema,
	visitFollowUpSchema,
	visitHoldSchema,
	visitShownTimeSchema,
	visitTimeSchema
} from '../../schemas/visits.ts';
import type { Actor } from '../auth/actor.ts';
import { addFollowUp, answerFollowUp } from '../visits/follow-ups.ts';
import { acceptVisitProposal, cancelVisit, closeVisit, confirmVisit, holdVisit, proposeVisitTime, rebookVisit } from '../visits/steps.ts';
import { formAction } from './form-action.ts';

interface VisitStep {
	schema: z.ZodType<Record<string, unknown>>;
	run: (actor: Actor, visitId: string, data: unknown) => Promise<void>;
}

const visitSteps = {
	confirm: { schema: visitShownTimeSchema, run: confirmVisit },
	accept: { schema: visitShownTimeSchema, run: acceptVisitProposal },
	propose: { schema: visitTimeSchema, run: proposeVisitTime },
	rebook: { schema: visitTimeSchema, run: rebookVisit },
	cancel: { schema: visitCancelSchema, run: cancelVisit },
	hold: { schema: visitHoldSchema, run: holdVisit },
	followUp: { schema: visitFollowUpSchema, run: addFollowUp },
	answer: { schema: visitFollowUpAnswerSchema, run: answerFollowUp },
	// closeVisit's third parameter is the clock: the form has nothing to give it.
	close: { schema: z.object({}), run: (actor, visitId) => closeVisit(actor, visitId) }
} satisfies Record<string, VisitStep>;

type VisitEvent = { request: Request; locals: App.Locals; params: { id: string } };

/** The actions of the visit page at `${page}/<id>`: each step it offers, with the `?done=` shown after it. */
export function visitActions<K extends keyof typeof visitSteps>(page: string, done: Record<K, string>) {
	const actions = {} as Record<K, (event: VisitEvent) => ReturnType<typeof formAction>>;
	for (const name of Object.keys(done) as K[]) {
		const { schema, run }: VisitStep = visitSteps[name];
		actions[name] = (event) =>
			formAction(event, {
				id: name,
				schema,
				run: (actor, data) => run(actor, event.params.id, data),
				done: `${page}/${event.params.id}?done=${done[name]}`
			});
	}
	return actions;
}
