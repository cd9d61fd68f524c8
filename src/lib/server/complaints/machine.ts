/**
 * The complaint's life cycle as data (rule 4 with rule 1's 首問): every action on a complaint —
 * the states it may be taken in, the state it leads to ('same' keeps it: the event still records
 * what happened), who may take it and what it must carry. Services take an action through
 * transition.ts (one transaction: the state and its event); pages offer what complaintActions()
 * lists. Nothing else decides whether an action is open.
 */
import { m } from '#lib/paraglide/messages.js';
import { defineMachine } from '../kernel/machine.ts';
import { StaleStateError } from '../kernel/input-error.ts';
import { complaintState } from '../db/schema/complaints.ts';

export type ComplaintState = (typeof complaintState.enumValues)[number];

/**
 * In what capacity someone acts on one complaint: the resident party it belongs to, the desk
 * (customer service of the estate, complaints.intake), the estate's manager, the person or
 * department responsible for the fix, or whoever holds the complainant's satisfaction link.
 * Worked out per complaint in access.ts.
 */
export type ComplaintCapacity = 'complainant' | 'desk' | 'manager' | 'responsible' | 'link_holder';

/** Open states: the promise and the deadline run, and the complaint shows in queues. */
/** Every state, in the order a filter lists them. */
export const complaintStates = complaintState.enumValues;

export const openComplaintStates: readonly ComplaintState[] = ['received', 'assigned'];
/** The stages a timeline shows, in order. */
export const complaintStages: readonly ComplaintState[] = ['received', 'assigned', 'resolved', 'closed'];

const open = openComplaintStates;
const settled: readonly ComplaintState[] = ['resolved', 'closed'];
const office = ['desk', 'manager'] as const;

const complaintMachine = defineMachine(complaintState.enumValues, {
	/** 首問: the first desk member to take up a complaint owns it, and promises a reply time. */
	claim: { from: open, to: 'same', by: office, needs: ['promisedReplyBy'] },
	promise: { from: open, to: 'same', by: office, needs: ['promisedReplyBy'] },
	hand_over: { from: open, to: 'same', by: office, needs: ['toUserId', 'reason'] },
	/** A complaint found serious goes to the manager at once. */
	escalate: { from: open, to: 'same', by: office, needs: ['reason'] },
	/** The responsible department, with a deadline (a serious one is the manager's to direct). */
	assign: { from: ['received'], to: 'assigned', by: office, needs: ['department', 'dueAt'] },
	/** The manager names the fix and the person responsible. */
	direct: { from: open, to: 'assigned', by: ['manager'], needs: ['fixPlan', 'responsibleId', 'department', 'dueAt'] },
	/** A reply to the complainant on the record (keeps the promise). */
	reply: { from: open, to: 'same', by: [...office, 'responsible'], needs: ['message'] },
	/** The resolver records the result and signs it. */
	resolve: { from: ['assigned'], to: 'resolved', by: [...office, 'responsible'], needs: ['resolution', 'signedName'] },
	/** Malicious: answered politely on the record, resolved, kept. */
	mark_malicious: { from: open, to: 'resolved', by: ['manager'], needs: ['answer', 'reason'] },
	/** Not satisfied after all: back to the department. */
	reopen: { from: settled, to: 'assigned', by: office, needs: ['reason'] },
	close: { from: ['resolved'], to: 'closed', by: office },
	/** The callback (回訪): by phone, or in person with the complainant's signature. */
	callback: { from: settled, to: 'same', by: office, needs: ['mode', 'satisfied', 'signature in person'] },
	/** The complainant's answer on the personal satisfaction link, once. */
	answer_satisfaction: { from: settled, to: 'same', by: ['link_holder'], needs: ['satisfied'] },
	comment: { from: complaintStages, to: 'same', by: ['complainant', ...office, 'responsible'], needs: ['comment'] },
	/** A complaint from the public widget matched to the unit it came from, and so to its party (complaints/match.ts). */
	match: { from: open, to: 'same', by: office, needs: ['unitId'] }
});

export type ComplaintAction = (typeof complaintMachine.actions)[number];

/** What a complaint holds beyond its state that can close an action the state allows. */
export interface ComplaintFacts {
	ownerId: string | null;
	serious: boolean;
	calledBack: boolean;
	satisfactionAnswered: boolean;
	/** False while a complaint from the public widget waits to be matched to a unit. */
	verified: boolean;
}

const closedBy: Partial<
	Record<ComplaintAction, (facts: ComplaintFacts, actorId: string, capacities: ReadonlySet<ComplaintCapacity>) => string | null>
> = {
	claim: (f) => (f.ownerId ? m.complaints_already_owned() : null),
	// Only the owner hands over (or the manager): ownership moves on the record, never by grabbing.
	hand_over: (f, actorId, capacities) =>
		!f.ownerId || (f.ownerId !== actorId && !capacities.has('manager')) ? m.complaints_not_owner() : null,
	promise: (f, actorId, capacities) => (f.ownerId !== actorId && !capacities.has('manager') ? m.complaints_not_owner() : null),
	escalate: (f) => (f.serious ? m.complaints_already_serious() : null),
	assign: (f, _actorId, capacities) => (f.serious && !capacities.has('manager') ? m.complaints_serious_is_managers() : null),
	callback: (f) => (f.calledBack ? m.complaints_already_called_back() : null),
	answer_satisfaction: (f) => (f.satisfactionAnswered ? m.complaints_already_answered() : null),
	match: (f) => (f.verified ? m.case_match_already_verified() : null)
};

export interface ComplaintOnRecord {
	state: ComplaintState;
	facts: ComplaintFacts;
	capacities: ReadonlySet<ComplaintCapacity>;
}

/** The actions open to this actor on this complaint now, in the table's order: what a page offers. */
export function complaintActions(complaint: ComplaintOnRecord, actorId: string): ComplaintAction[] {
	return complaintMachine
		.open(complaint.state, complaint.capacities)
		.filter((action) => !closedBy[action]?.(complaint.facts, actorId, complaint.capacities));
}

/** The state the action leads to, or a refusal: 403 when never this actor's, a StaleStateError when the complaint moved on. */
export function takeComplaintAction(complaint: ComplaintOnRecord, action: ComplaintAction, actorId: string): ComplaintState {
	const next = complaintMachine.take(complaint.state, action, complaint.capacities, m.complaints_state_changed());
	const closed = closedBy[action]?.(complaint.facts, actorId, complaint.capacities);
	if (closed) throw new StaleStateError(closed);
	return next;
}
