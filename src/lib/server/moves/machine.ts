/**
 * The move-in (入伙) and move-out (遷出) life cycles as data (rule 9, kernel/machine.ts).
 * Capacities are worked out per case (access.ts): the desk (moves.manage), the inspectors
 * (moves.inspect: engineering and security), finance (moves.settle), a manager who may waive
 * money owed (moves.waive), and the moving party itself (the resident or its company's members).
 * Steps that keep the state ('same') still record their event: the checklist is their sum.
 */
import { defineMachine } from '../kernel/machine.ts';
import type { Audience } from '../events/kinds.ts';

export const moveStates = ['open', 'inspected', 'settled', 'done', 'cancelled'] as const;
export type MoveState = (typeof moveStates)[number];
export type MoveCapacity = 'desk' | 'inspector' | 'finance' | 'manager' | 'party';

const live = ['open', 'inspected'] as const;

export type MoveInAction =
	| 'check_identity'
	| 'record_papers'
	| 'add_contact'
	| 'remove_contact'
	| 'upload'
	| 'sign_rules'
	| 'record_readings'
	| 'confirm_reading'
	| 'issue_key'
	| 'report_defect'
	| 'inspect'
	| 'complete'
	| 'cancel';

export const moveInMachine = defineMachine<MoveState, MoveCapacity, MoveInAction>(moveStates, {
	check_identity: { from: live, to: 'same', by: ['desk'] },
	record_papers: { from: live, to: 'same', by: ['desk'] },
	// The new party's contact persons: they become the occupancy's contacts when the move-in completes.
	add_contact: { from: live, to: 'same', by: ['desk'] },
	remove_contact: { from: live, to: 'same', by: ['desk'] },
	upload: { from: live, to: 'same', by: ['desk', 'party'] },
	sign_rules: { from: live, to: 'same', by: ['party'], needs: ['name'] },
	record_readings: { from: ['open'], to: 'same', by: ['inspector'] },
	confirm_reading: { from: live, to: 'same', by: ['desk', 'party'] },
	issue_key: { from: live, to: 'same', by: ['desk'] },
	// Entered through the desk's repair intake (repairs.intake): engineering tells the desk at the joint inspection.
	report_defect: { from: live, to: 'same', by: ['desk'] },
	// The joint inspection is on record: readings taken, equipment listed.
	inspect: { from: ['open'], to: 'inspected', by: ['inspector'] },
	// Nothing missing on the checklist (missingForMoveIn): the occupancy starts.
	complete: { from: ['inspected'], to: 'done', by: ['desk'] },
	cancel: { from: live, to: 'cancelled', by: ['desk'], needs: ['reason'] }
});

export type MoveOutAction =
	| 'return_key'
	| 'record_readings'
	| 'confirm_reading'
	| 'price_damage'
	| 'inspect'
	| 'forwarding'
	| 'settle'
	| 'waive'
	| 'complete'
	| 'cancel';

export const moveOutMachine = defineMachine<MoveState, MoveCapacity, MoveOutAction>(moveStates, {
	return_key: { from: live, to: 'same', by: ['desk'] },
	record_readings: { from: ['open'], to: 'same', by: ['inspector'] },
	confirm_reading: { from: live, to: 'same', by: ['desk', 'party'] },
	price_damage: { from: ['open'], to: 'same', by: ['inspector'] },
	// Power and air-conditioning off, extinguishers returned, closing readings taken.
	inspect: { from: ['open'], to: 'inspected', by: ['inspector'] },
	forwarding: { from: ['open', 'inspected', 'settled'], to: 'same', by: ['party', 'desk'] },
	// Finance requests the deposit refund minus the damages.
	settle: { from: ['inspected'], to: 'settled', by: ['finance'] },
	// A manager lets the move-out complete with money owed, on the record.
	waive: { from: ['inspected', 'settled'], to: 'same', by: ['manager'], needs: ['reason'] },
	// Nothing owed (or waived): the occupancy ends.
	complete: { from: ['settled'], to: 'done', by: ['desk'] },
	cancel: { from: ['open'], to: 'cancelled', by: ['desk', 'party'], needs: ['reason'] }
});

/** What a move's timeline may say; all of it is the party's own case but the manager's waiver. */
export const moveEventKinds = {
	opened: 'all',
	identity_checked: 'all',
	papers_recorded: 'all',
	contact_added: 'all',
	contact_removed: 'all',
	document_uploaded: 'all',
	rules_signed: 'all',
	readings_recorded: 'all',
	reading_confirmed: 'all',
	readings_filed: 'all',
	key_issued: 'all',
	key_returned: 'all',
	key_missing: 'all',
	defect_reported: 'all',
	damage_priced: 'all',
	inspected: 'all',
	forwarding_left: 'all',
	settled: 'all',
	waived: 'staff',
	completed: 'all',
	cancelled: 'all'
} as const satisfies Record<string, Audience>;
export type MoveEventKind = keyof typeof moveEventKinds;

declare module '../events/kinds.ts' {
	interface EventKinds {
		move: MoveEventKind;
	}
}
