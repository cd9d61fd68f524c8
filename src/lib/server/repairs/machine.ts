/**
 * The repair order's life cycle as data: every action anyone takes on an order — the state it
 * may be taken in, the state it leads to ('same' keeps it: the event still records what
 * happened), who may take it and what it must carry. Services take an action through
 * transition.ts (one transaction: the state and its event); pages show the actions
 * repairActions() lists. Nothing else decides whether an action is open.
 */
import { m } from '#lib/paraglide/messages.js';
import { defineMachine } from '../kernel/machine.ts';
import { StaleStateError } from '../kernel/input-error.ts';
import { repairState } from '../db/schema/repairs.ts';

export type RepairState = (typeof repairState.enumValues)[number];

/**
 * In what capacity someone acts on one order: the resident party it belongs to, the
 * customer-service desk (repairs.intake in the order's estate), the technician it is assigned
 * to, or an engineering supervisor / manager of the estate. Worked out per order in access.ts.
 * 'system' is no person's: the deadline sweep (deadlines/sweep.ts) acts in it, never an actor.
 */
export type RepairCapacity = 'resident' | 'desk' | 'technician' | 'supervisor' | 'system';

/** Open states: the SLA clock runs and the order shows in queues. */
export const openRepairStates: readonly RepairState[] = ['received', 'assigned', 'scheduled', 'in_progress', 'awaiting_signoff'];

/** The order in which a resident's timeline shows the stages (cancelled stands apart). */
export const repairStages: readonly RepairState[] = ['received', 'assigned', 'scheduled', 'in_progress', 'awaiting_signoff', 'done'];

const open = openRepairStates;
const beforeVisit: readonly RepairState[] = ['received', 'assigned', 'scheduled'];
const notCancelled: readonly RepairState[] = [...repairStages];
const staff = ['desk', 'technician', 'supervisor'] as const;

export const repairMachine = defineMachine(repairState.enumValues, {
	// 首問 (first-contact responsibility): the desk takes up a request, promises a reply, hands it over on the record.
	claim: { from: open, to: 'same', by: ['desk', 'supervisor'] },
	promise: { from: open, to: 'same', by: ['desk', 'supervisor'], needs: ['promisedReplyBy'] },
	hand_over: { from: open, to: 'same', by: ['desk', 'supervisor'], needs: ['toUserId', 'reason'] },
	assign: { from: ['received'], to: 'assigned', by: ['desk', 'supervisor'], needs: ['technician or team'] },
	reassign: {
		from: ['assigned', 'scheduled', 'in_progress'],
		to: 'same',
		by: ['desk', 'supervisor'],
		needs: ['technician or team', 'reason']
	},
	/** 工程部接單: the assigned technician records receiving the order (a button, never a page view). */
	receive: { from: ['assigned', 'scheduled'], to: 'same', by: ['technician'] },
	schedule: { from: ['assigned'], to: 'scheduled', by: ['technician', 'desk', 'supervisor'], needs: ['slot'] },
	/** Moves the booked appointment (the one picked when filing, or the confirmed one). */
	reschedule: { from: beforeVisit, to: 'same', by: ['resident', 'desk', 'supervisor'], needs: ['slot', 'no proposed time waiting'] },
	/**
	 * The technician cannot keep the appointment: a new time is proposed. It stands as the
	 * appointment (shown as not confirmed) until the resident answers with one of the two below.
	 */
	miss: { from: ['scheduled'], to: 'same', by: ['technician', 'supervisor'], needs: ['reason', 'another slot'] },
	/** The resident confirms the proposed time — in the portal, or by phone to the desk, who records it. */
	confirm_time: { from: ['scheduled'], to: 'same', by: ['resident', 'desk'], needs: ['a proposed time', 'the slot it was'] },
	/** The resident picks another free slot instead of the proposed one (in the portal or by phone). */
	choose_time: { from: ['scheduled'], to: 'same', by: ['resident', 'desk'], needs: ['a proposed time', 'another slot'] },
	/** On-site confirmation (上門確認): work begins. */
	start: { from: ['assigned', 'scheduled'], to: 'in_progress', by: ['technician'] },
	material: { from: ['in_progress'], to: 'same', by: ['technician'], needs: ['name', 'quantity', 'source'] },
	after_photos: { from: ['in_progress'], to: 'same', by: ['technician'], needs: ['photos'] },
	/** Work outside the free-service list: a paid-service quote (有償服務), reviewed, then decided by the resident. */
	quote: { from: ['in_progress'], to: 'same', by: ['technician'], needs: ['lines'] },
	approve_quote: { from: ['in_progress'], to: 'same', by: ['supervisor'], needs: ['quote'] },
	reject_quote: { from: ['in_progress'], to: 'same', by: ['supervisor'], needs: ['quote'] },
	accept_quote: { from: ['in_progress'], to: 'same', by: ['resident'], needs: ['quote'] },
	decline_quote: { from: ['in_progress'], to: 'same', by: ['resident'], needs: ['quote'] },
	complete: { from: ['in_progress'], to: 'awaiting_signoff', by: ['technician'], needs: ['workSummary', 'no quote in play'] },
	/** The resident signs on the portal, or on the technician's phone on site. */
	sign_off: { from: ['awaiting_signoff'], to: 'done', by: ['resident', 'technician'], needs: ['signature or name'] },
	/** Nobody signed within the configured days (repair_signoff_settings): the system closes it, on the record. */
	auto_close: { from: ['awaiting_signoff'], to: 'done', by: ['system'] },
	/** Rejecting completion reopens the order with the same technician. */
	reject: { from: ['awaiting_signoff'], to: 'assigned', by: ['resident'], needs: ['reason'] },
	cancel: { from: beforeVisit, to: 'cancelled', by: ['resident', 'desk', 'supervisor'], needs: ['reason'] },
	comment: { from: notCancelled, to: 'same', by: ['resident', ...staff], needs: ['comment or photos'] },
	rate: { from: ['done'], to: 'same', by: ['resident'], needs: ['ratings'] },
	/** A request from the public widget matched to its sender's unit and party (repairs/match.ts). */
	match: { from: open, to: 'same', by: ['desk', 'supervisor'], needs: ['unitId'] }
});

export type RepairAction = (typeof repairMachine.actions)[number];

/** What an order holds beyond its state that can close an action (read with the order, access.ts). */
export interface RepairFacts {
	ownerId: string | null;
	technicianReceivedAt: Date | null;
	/** A paid-service quote waits for the supervisor or the resident. */
	quoteInPlay: boolean;
	rated: boolean;
	/** False while a request from the public widget waits to be matched to its sender. */
	verified: boolean;
	/** A time the technician proposed after missing a visit waits for the resident's answer. */
	timeProposed: boolean;
}

/**
 * Facts that close an action the state allows, each with what to tell the person who tried: the
 * order moved on (someone claimed it first, the technician already received it…).
 */
const closedBy: Partial<
	Record<RepairAction, (facts: RepairFacts, actorId: string, capacities: ReadonlySet<RepairCapacity>) => string | null>
> = {
	claim: (f) => (f.ownerId ? m.repairs_already_owned() : null),
	hand_over: (f, actorId, capacities) =>
		!f.ownerId || (f.ownerId !== actorId && !capacities.has('supervisor')) ? m.repairs_not_owner() : null,
	receive: (f) => (f.technicianReceivedAt ? m.repairs_state_changed() : null),
	quote: (f) => (f.quoteInPlay ? m.repairs_quote_already_open() : null),
	rate: (f) => (f.rated ? m.repairs_already_rated() : null),
	match: (f) => (f.verified ? m.case_match_already_verified() : null),
	// While a proposed time waits, the appointment moves by the resident's answer (or another proposal).
	reschedule: (f) => (f.timeProposed ? m.visits_answer_proposal_first() : null),
	confirm_time: (f) => (f.timeProposed ? null : m.visits_no_proposal()),
	choose_time: (f) => (f.timeProposed ? null : m.visits_no_proposal())
};

export interface RepairOnRecord {
	state: RepairState;
	facts: RepairFacts;
	capacities: ReadonlySet<RepairCapacity>;
}

/** The actions open to this actor on this order now, in the table's order: what a page offers. */
export function repairActions(order: RepairOnRecord, actorId: string): RepairAction[] {
	return repairMachine.open(order.state, order.capacities).filter((action) => !closedBy[action]?.(order.facts, actorId, order.capacities));
}

/**
 * The state the action leads to, or a refusal: 403 when these capacities may never take it, a
 * StaleStateError (with what changed) when the order moved on.
 */
export function takeRepairAction(order: RepairOnRecord, action: RepairAction, actorId: string): RepairState {
	const next = repairMachine.take(order.state, action, order.capacities, m.repairs_state_changed());
	const closed = closedBy[action]?.(order.facts, actorId, order.capacities);
	if (closed) throw new StaleStateError(closed);
	return next;
}
