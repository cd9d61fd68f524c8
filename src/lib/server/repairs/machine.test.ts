import { describe, expect, it } from 'vitest';
import { allowedActions, canTake, nextState, repairMachine, type RepairCapacity } from './machine.ts';

const as = (...capacities: RepairCapacity[]) => new Set(capacities);

describe('the repair state machine', () => {
	it('lets only the desk or a supervisor turn a received request into a work order', () => {
		expect(nextState('received', 'assign', as('desk'))).toBe('assigned');
		expect(nextState('received', 'assign', as('supervisor'))).toBe('assigned');
		expect(nextState('received', 'assign', as('technician'))).toBeNull();
		expect(nextState('received', 'assign', as('resident'))).toBeNull();
	});

	it('lets the resident cancel before the visit but not once work has started', () => {
		for (const state of ['received', 'assigned', 'scheduled'] as const) expect(canTake(state, 'cancel', as('resident'))).toBe(true);
		for (const state of ['in_progress', 'awaiting_signoff', 'done'] as const) expect(canTake(state, 'cancel', as('resident'))).toBe(false);
	});

	it('reopens a rejected completion to assigned, and only the resident may reject', () => {
		expect(nextState('awaiting_signoff', 'reject', as('resident'))).toBe('assigned');
		expect(nextState('awaiting_signoff', 'reject', as('technician'))).toBeNull();
	});

	it('keeps the state for a missed appointment or a new quote (the event records the change)', () => {
		expect(nextState('scheduled', 'miss', as('technician'))).toBe('scheduled');
		expect(nextState('in_progress', 'quote', as('technician'))).toBe('in_progress');
	});

	it('accepts sign-off from the resident in the app or on the technician’s phone, only when awaiting it', () => {
		expect(nextState('awaiting_signoff', 'sign_off', as('resident'))).toBe('done');
		expect(nextState('awaiting_signoff', 'sign_off', as('technician'))).toBe('done');
		expect(nextState('in_progress', 'sign_off', as('resident'))).toBeNull();
	});

	it('leaves nothing to do on a done or cancelled order', () => {
		const everyone = as('resident', 'desk', 'technician', 'supervisor');
		expect(allowedActions('done', everyone)).toEqual([]);
		expect(allowedActions('cancelled', everyone)).toEqual([]);
	});

	it('names only real states as targets', () => {
		const states = new Set(['received', 'assigned', 'scheduled', 'in_progress', 'awaiting_signoff', 'done', 'cancelled', 'same']);
		for (const transition of Object.values(repairMachine)) expect(states.has(transition.to)).toBe(true);
	});
});
