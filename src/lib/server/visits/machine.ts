/**
 * A visit's life cycle as data (kernel/machine.ts; rule 8 拜訪客戶). Staff book a time ('booked');
 * the resident confirms it or proposes another ('proposed'), which the office accepts or answers
 * with a new booking; the visit is held (the visit form: opinions, suggestions, requests) and closed
 * once every follow-up is answered. Until it is held either side may cancel it.
 *
 * A follow-up (what the visit could not answer) is open until its owner — or a manager of the
 * office — answers it; the morning job's reminder is its 'remind', which leaves it open.
 */
import type { Actor } from '../auth/actor.ts';
import { can, canSeeEstate } from '../auth/guards.ts';
import { defineMachine } from '../kernel/machine.ts';

export const visitStates = ['booked', 'proposed', 'confirmed', 'held', 'closed', 'cancelled'] as const;
export type VisitState = (typeof visitStates)[number];

/** office: visits.manage in the visit's estate; party: the occupancy visited (in person or through its company). */
export type VisitCapacity = 'office' | 'party';
export type VisitAction = 'confirm' | 'propose' | 'accept' | 'rebook' | 'hold' | 'follow_up' | 'close' | 'cancel';

export const visitMachine = defineMachine<VisitState, VisitCapacity, VisitAction>(visitStates, {
	// The office records a confirmation given on the phone.
	confirm: { from: ['booked'], to: 'confirmed', by: ['party', 'office'] },
	propose: { from: ['booked'], to: 'proposed', by: ['party'], needs: ['time'] },
	accept: { from: ['proposed'], to: 'confirmed', by: ['office'] },
	rebook: { from: ['booked', 'proposed', 'confirmed'], to: 'booked', by: ['office'], needs: ['time'] },
	hold: { from: ['confirmed'], to: 'held', by: ['office'], needs: ['conversation'] },
	// What could not be answered on the spot becomes a follow-up (with the visit form, or after it).
	follow_up: { from: ['held'], to: 'same', by: ['office'], needs: ['question', 'owner', 'due day'] },
	close: { from: ['held'], to: 'closed', by: ['office'], needs: ['follow-ups answered'] },
	cancel: { from: ['booked', 'proposed', 'confirmed'], to: 'cancelled', by: ['office', 'party'] }
});

/** States in which a visit is still to happen. */
export const comingVisitStates = ['booked', 'proposed', 'confirmed'] as const satisfies readonly VisitState[];
/** States of a visit that took place (what the plan counts as done). */
export const doneVisitStates = ['held', 'closed'] as const satisfies readonly VisitState[];

export const followUpStates = ['open', 'done'] as const;
export type FollowUpState = (typeof followUpStates)[number];

/** owner: the staff member it was given to; office: visits.manage in its estate; system: the reminder job. */
export type FollowUpCapacity = 'owner' | 'office' | 'system';
export type FollowUpAction = 'answer' | 'remind';

export const followUpMachine = defineMachine<FollowUpState, FollowUpCapacity, FollowUpAction>(followUpStates, {
	answer: { from: ['open'], to: 'done', by: ['owner', 'office'], needs: ['answer'] },
	remind: { from: ['open'], to: 'same', by: ['system'] }
});

/** The office's capacity on a visit of this estate (the party's is worked out from occupancies: access.ts). */
export function staffVisitCapacities(actor: Actor, estateId: string): Set<VisitCapacity> {
	const capacities = new Set<VisitCapacity>();
	if (actor.kind === 'staff' && canSeeEstate(actor, estateId) && can(actor, 'visits.manage')) capacities.add('office');
	return capacities;
}
