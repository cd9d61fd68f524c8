import { describe, expect, it } from 'vitest';
import { StaleStateError } from '../kernel/input-error.ts';
import { actionEvent, repairEventKinds } from './event-kinds.ts';
import { repairActions, repairMachine, takeRepairAction, type RepairCapacity, type RepairFacts, type RepairState } from './machine.ts';
import { quoteActions } from './quote-machine.ts';

const as = (...capacities: RepairCapacity[]) => new Set(capacities);
const facts = (overrides: Partial<RepairFacts> = {}): RepairFacts => ({
	ownerId: null,
	technicianReceivedAt: null,
	quoteInPlay: false,
	rated: false,
	verified: true,
	timeProposed: false,
	...overrides
});
const order = (state: RepairState, capacities: Set<RepairCapacity>, f: Partial<RepairFacts> = {}) => ({
	state,
	capacities,
	facts: facts(f)
});

describe('the repair state machine', () => {
	it('lets only the desk or a supervisor turn a received request into a work order', () => {
		expect(repairMachine.next('received', 'assign', as('desk'))).toBe('assigned');
		expect(repairMachine.next('received', 'assign', as('supervisor'))).toBe('assigned');
		expect(repairMachine.next('received', 'assign', as('technician'))).toBeNull();
		expect(repairMachine.next('received', 'assign', as('resident'))).toBeNull();
	});

	it('lets the resident cancel before the visit but not once work has started', () => {
		for (const state of ['received', 'assigned', 'scheduled'] as const)
			expect(repairMachine.can(state, 'cancel', as('resident'))).toBe(true);
		for (const state of ['in_progress', 'awaiting_signoff', 'done'] as const)
			expect(repairMachine.can(state, 'cancel', as('resident'))).toBe(false);
	});

	it('reopens a rejected completion to assigned, and only the resident may reject', () => {
		expect(repairMachine.next('awaiting_signoff', 'reject', as('resident'))).toBe('assigned');
		expect(repairMachine.next('awaiting_signoff', 'reject', as('technician'))).toBeNull();
	});

	it('keeps the state for a missed appointment, a new quote or a note (the event records the change)', () => {
		expect(repairMachine.next('scheduled', 'miss', as('technician'))).toBe('scheduled');
		expect(repairMachine.next('in_progress', 'quote', as('technician'))).toBe('in_progress');
		expect(repairMachine.next('in_progress', 'material', as('technician'))).toBe('in_progress');
		expect(repairMachine.next('done', 'comment', as('resident'))).toBe('done');
	});

	it('accepts sign-off from the resident in the app or on the technician’s phone, only when awaiting it', () => {
		expect(repairMachine.next('awaiting_signoff', 'sign_off', as('resident'))).toBe('done');
		expect(repairMachine.next('awaiting_signoff', 'sign_off', as('technician'))).toBe('done');
		expect(repairMachine.next('in_progress', 'sign_off', as('resident'))).toBeNull();
	});

	it('leaves a cancelled order nothing to do, and a done one only comments and the rating', () => {
		const everyone = as('resident', 'desk', 'technician', 'supervisor');
		expect(repairActions(order('cancelled', everyone), 'someone')).toEqual([]);
		expect(repairActions(order('done', everyone), 'someone')).toEqual(['comment', 'rate']);
		expect(repairActions(order('done', everyone, { rated: true }), 'someone')).toEqual(['comment']);
	});

	it('has every action of an order in the table, each recording a timeline event', () => {
		for (const action of repairMachine.actions) expect(repairEventKinds[actionEvent[action]], action).toBeDefined();
		for (const transition of Object.values(repairMachine.transitions)) {
			expect(transition.to === 'same' || repairMachine.states.includes(transition.to)).toBe(true);
		}
	});
});

describe('what an order’s facts close', () => {
	it('offers 首問 to the desk until someone owns the request; a second claim is told who was first', () => {
		expect(repairActions(order('received', as('desk')), 'desk-1')).toContain('claim');
		const owned = order('received', as('desk'), { ownerId: 'desk-1' });
		expect(repairActions(owned, 'desk-2')).not.toContain('claim');
		expect(() => takeRepairAction(owned, 'claim', 'desk-2')).toThrow(StaleStateError);
	});

	it('lets only the owner or a supervisor hand a request over', () => {
		const owned = order('received', as('desk'), { ownerId: 'desk-1' });
		expect(repairActions(owned, 'desk-1')).toContain('hand_over');
		expect(repairActions(owned, 'desk-2')).not.toContain('hand_over');
		expect(repairActions(order('received', as('supervisor'), { ownerId: 'desk-1' }), 'lead')).toContain('hand_over');
		expect(repairActions(order('received', as('desk')), 'desk-1')).not.toContain('hand_over');
	});

	it('lets the technician receive an order once, before work starts', () => {
		expect(repairActions(order('assigned', as('technician')), 'tech')).toContain('receive');
		expect(repairActions(order('assigned', as('technician'), { technicianReceivedAt: new Date() }), 'tech')).not.toContain('receive');
		expect(repairActions(order('in_progress', as('technician')), 'tech')).not.toContain('receive');
		expect(() => takeRepairAction(order('assigned', as('desk')), 'receive', 'desk')).toThrow(expect.objectContaining({ status: 403 }));
	});

	it('takes no second quote while one waits for a decision', () => {
		expect(repairActions(order('in_progress', as('technician')), 'tech')).toContain('quote');
		expect(repairActions(order('in_progress', as('technician'), { quoteInPlay: true }), 'tech')).not.toContain('quote');
	});
});

describe('matching a request from the public widget', () => {
	it('is offered to the desk and supervisors while the request is open and unverified, and never again once matched', () => {
		const unverified = { verified: false };
		for (const state of ['received', 'assigned', 'scheduled', 'in_progress', 'awaiting_signoff'] as const) {
			expect(repairActions(order(state, as('desk'), unverified), 'desk')).toContain('match');
			expect(repairActions(order(state, as('supervisor'), unverified), 'lead')).toContain('match');
			expect(repairActions(order(state, as('technician', 'resident'), unverified), 'tech')).not.toContain('match');
		}
		for (const state of ['done', 'cancelled'] as const)
			expect(repairActions(order(state, as('desk'), unverified), 'desk')).not.toContain('match');
		expect(repairActions(order('received', as('desk')), 'desk')).not.toContain('match');
		expect(() => takeRepairAction(order('received', as('desk')), 'match', 'desk')).toThrow(StaleStateError);
		expect(repairMachine.next('received', 'match', as('desk'))).toBe('received');
	});
});

describe('a time proposed after a missed visit', () => {
	it('waits for the resident (or the desk on the phone) to confirm it or choose another; nobody else answers it', () => {
		const proposed = { timeProposed: true };
		expect(repairActions(order('scheduled', as('resident'), proposed), 'resident')).toEqual(
			expect.arrayContaining(['confirm_time', 'choose_time'])
		);
		expect(repairActions(order('scheduled', as('desk'), proposed), 'desk')).toEqual(
			expect.arrayContaining(['confirm_time', 'choose_time'])
		);
		for (const capacity of ['technician', 'supervisor'] as const) {
			expect(repairActions(order('scheduled', as(capacity), proposed), 'staff')).not.toContain('confirm_time');
			expect(() => takeRepairAction(order('scheduled', as(capacity), proposed), 'choose_time', 'staff')).toThrow(
				expect.objectContaining({ status: 403 })
			);
		}
		expect(repairMachine.next('scheduled', 'confirm_time', as('resident'))).toBe('scheduled');
	});

	it('is answered once: without a proposal waiting both answers are closed, and the appointment moves only by the answer meanwhile', () => {
		expect(repairActions(order('scheduled', as('resident')), 'resident')).not.toContain('confirm_time');
		expect(() => takeRepairAction(order('scheduled', as('resident')), 'confirm_time', 'resident')).toThrow(StaleStateError);
		expect(repairActions(order('scheduled', as('resident')), 'resident')).toContain('reschedule');
		expect(repairActions(order('scheduled', as('resident'), { timeProposed: true }), 'resident')).not.toContain('reschedule');
		// The technician may still arrive at the proposed time, or propose yet another.
		expect(repairActions(order('scheduled', as('technician'), { timeProposed: true }), 'tech')).toEqual(
			expect.arrayContaining(['miss', 'start'])
		);
	});
});

describe('a paid-service quote', () => {
	it('is reviewed by a supervisor, then decided by the resident, while the order is in progress', () => {
		const supervisorActions = repairActions(order('in_progress', as('supervisor')), 'lead');
		expect(quoteActions('pending_approval', as('supervisor'), supervisorActions)).toEqual(['approve', 'reject']);
		expect(quoteActions('awaiting_resident', as('supervisor'), supervisorActions)).toEqual([]);
		const residentActions = repairActions(order('in_progress', as('resident')), 'resident');
		expect(quoteActions('awaiting_resident', as('resident'), residentActions)).toEqual(['accept', 'decline']);
		expect(quoteActions('pending_approval', as('resident'), residentActions)).toEqual([]);
		// Once the order has moved on, no step of its quote is open.
		expect(quoteActions('awaiting_resident', as('resident'), repairActions(order('awaiting_signoff', as('resident')), 'resident'))).toEqual(
			[]
		);
	});
});
