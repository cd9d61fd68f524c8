import { repairState } from '../db/schema/repairs.ts';

export type RepairState = (typeof repairState.enumValues)[number];

/**
 * In what capacity someone acts on one order: a resident of its unit, the customer-service desk
 * (repairs.intake in the order's estate), the technician it is assigned to, or an engineering
 * supervisor / manager of the estate. Worked out per order in access.ts.
 */
export type RepairCapacity = 'resident' | 'desk' | 'technician' | 'supervisor';

interface Transition {
	from: readonly RepairState[];
	/** 'same' keeps the state (the event still records the change, e.g. a new appointment). */
	to: RepairState | 'same';
	by: readonly RepairCapacity[];
}

/**
 * The repair order's rules as data: which action moves it from where to where, and who may
 * take it. Services call takeTransition before writing; the UI asks allowedActions to decide
 * which buttons to show, so both read the same table.
 */
export const repairMachine = {
	assign: { from: ['received'], to: 'assigned', by: ['desk', 'supervisor'] },
	reassign: { from: ['assigned', 'scheduled', 'in_progress'], to: 'same', by: ['desk', 'supervisor'] },
	schedule: { from: ['assigned'], to: 'scheduled', by: ['technician', 'desk', 'supervisor'] },
	/** Moves the booked appointment (the one picked when filing, or the confirmed one). */
	reschedule: { from: ['received', 'assigned', 'scheduled'], to: 'same', by: ['resident', 'desk', 'supervisor'] },
	/** The technician cannot keep the appointment: a new time is proposed and the resident told. */
	miss: { from: ['scheduled'], to: 'same', by: ['technician', 'supervisor'] },
	/** On-site confirmation (上門確認): work begins. */
	start: { from: ['assigned', 'scheduled'], to: 'in_progress', by: ['technician'] },
	quote: { from: ['in_progress'], to: 'same', by: ['technician'] },
	complete: { from: ['in_progress'], to: 'awaiting_signoff', by: ['technician'] },
	/** The resident signs on the portal, or on the technician's phone on site. */
	sign_off: { from: ['awaiting_signoff'], to: 'done', by: ['resident', 'technician'] },
	/** Rejecting completion reopens the order with the same technician. */
	reject: { from: ['awaiting_signoff'], to: 'assigned', by: ['resident'] },
	cancel: { from: ['received', 'assigned', 'scheduled'], to: 'cancelled', by: ['resident', 'desk', 'supervisor'] }
} as const satisfies Record<string, Transition>;

export type RepairAction = keyof typeof repairMachine;

/** Open states: the SLA clock runs and the order shows in queues. */
export const openRepairStates: readonly RepairState[] = ['received', 'assigned', 'scheduled', 'in_progress', 'awaiting_signoff'];

/** The order in which a resident's timeline shows the stages (cancelled stands apart). */
export const repairStages: readonly RepairState[] = ['received', 'assigned', 'scheduled', 'in_progress', 'awaiting_signoff', 'done'];

export function canTake(state: RepairState, action: RepairAction, capacities: ReadonlySet<RepairCapacity>): boolean {
	const transition: Transition = repairMachine[action];
	return transition.from.includes(state) && transition.by.some((c) => capacities.has(c));
}

/** The next state, or null when the action is not open to these capacities in this state. */
export function nextState(state: RepairState, action: RepairAction, capacities: ReadonlySet<RepairCapacity>): RepairState | null {
	if (!canTake(state, action, capacities)) return null;
	const to: Transition['to'] = repairMachine[action].to;
	return to === 'same' ? state : to;
}

export function allowedActions(state: RepairState, capacities: ReadonlySet<RepairCapacity>): RepairAction[] {
	return (Object.keys(repairMachine) as RepairAction[]).filter((action) => canTake(state, action, capacities));
}
