import { describe, expect, it } from 'vitest';
import { StaleStateError } from '../kernel/input-error.ts';
import { complaintActionEvent, complaintEventKinds } from './event-kinds.ts';
import { complaintActions, takeComplaintAction, type ComplaintCapacity, type ComplaintFacts, type ComplaintState } from './machine.ts';

const as = (...capacities: ComplaintCapacity[]) => new Set(capacities);
const complaint = (state: ComplaintState, capacities: Set<ComplaintCapacity>, facts: Partial<ComplaintFacts> = {}) => ({
	state,
	capacities,
	facts: { ownerId: null, serious: false, calledBack: false, satisfactionAnswered: false, verified: true, ...facts }
});

describe('the complaint machine', () => {
	it('records a timeline event for every action', () => {
		for (const [action, kind] of Object.entries(complaintActionEvent)) expect(complaintEventKinds[kind], action).toBeDefined();
	});

	it('offers matching a widget complaint to a unit to the desk and managers while it is open and unverified', () => {
		const unverified = { verified: false };
		for (const state of ['received', 'assigned'] as const) {
			expect(complaintActions(complaint(state, as('desk'), unverified), 'desk')).toContain('match');
			expect(complaintActions(complaint(state, as('manager'), unverified), 'manager')).toContain('match');
			expect(complaintActions(complaint(state, as('responsible', 'complainant'), unverified), 'someone')).not.toContain('match');
		}
		for (const state of ['resolved', 'closed'] as const)
			expect(complaintActions(complaint(state, as('desk'), unverified), 'desk')).not.toContain('match');
	});

	it('closes matching once the complaint is verified: a second match is told it was already matched', () => {
		expect(complaintActions(complaint('received', as('desk')), 'desk')).not.toContain('match');
		expect(() => takeComplaintAction(complaint('received', as('desk')), 'match', 'desk')).toThrow(StaleStateError);
		expect(takeComplaintAction(complaint('received', as('desk'), { verified: false }), 'match', 'desk')).toBe('received');
		expect(() => takeComplaintAction(complaint('received', as('responsible'), { verified: false }), 'match', 'x')).toThrow(
			expect.objectContaining({ status: 403 })
		);
	});
});
