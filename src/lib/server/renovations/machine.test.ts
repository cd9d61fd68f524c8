import { describe, expect, it } from 'vitest';
import {
	finishedRenovationStates,
	renovationMachine,
	renovationStates,
	sideActions,
	stepHolders,
	type RenovationAction,
	type RenovationCapacity,
	type RenovationState
} from './machine.ts';

const capacities: readonly RenovationCapacity[] = ['applicant', 'contractor', 'desk', 'engineering', 'security', 'manager', 'system'];
const as = (...c: RenovationCapacity[]) => new Set(c);

/** The states one can reach from `start`, whoever acts. */
function reachable(start: RenovationState): Set<RenovationState> {
	const seen = new Set<RenovationState>([start]);
	const queue = [start];
	while (queue.length) {
		const state = queue.shift()!;
		for (const action of renovationMachine.actions) {
			const next = renovationMachine.next(state, action, new Set(capacities));
			if (next && !seen.has(next)) {
				seen.add(next);
				queue.push(next);
			}
		}
	}
	return seen;
}

describe('the renovation application machine', () => {
	it('walks every state, every action and every capacity: the table below is the whole life cycle', async () => {
		const lines: string[] = [];
		for (const state of renovationStates) {
			const open = renovationMachine.actions.flatMap((action) => {
				const who = capacities.filter((c) => renovationMachine.can(state, action, as(c)));
				if (!who.length) return [];
				const to = renovationMachine.next(state, action, as(who[0]!));
				return [`  ${action}${to === state ? '' : ` → ${to}`}: ${who.join(', ')}`];
			});
			lines.push(`${state} (who has it: ${stepHolders[state].join(', ') || 'nobody'})`, ...(open.length ? open : ['  (nothing)']));
		}
		// A change to the machine changes this file: the review of that change reads the whole table.
		await expect(lines.join('\n') + '\n').toMatchFileSnapshot('./machine.table.txt');
	});

	it('reaches every state from a draft, and from every unfinished state can still be closed', () => {
		expect([...reachable('draft')].sort()).toEqual([...renovationStates].sort());
		for (const state of renovationStates.filter((s) => !finishedRenovationStates.includes(s))) {
			expect(reachable(state).has('closed'), state).toBe(true);
		}
	});

	it('gives each step to someone with a move of their own there, and the finished ones to nobody', () => {
		for (const state of renovationStates) {
			for (const holder of stepHolders[state]) {
				const own = renovationMachine.open(state, as(holder)).filter((action) => !sideActions.includes(action));
				expect(own, `${state}: ${holder}`).not.toEqual([]);
			}
			expect(stepHolders[state].length === 0, state).toBe(finishedRenovationStates.includes(state));
		}
	});

	it('leaves nothing to do once closed, rejected or withdrawn', () => {
		for (const state of finishedRenovationStates) expect(renovationMachine.open(state, new Set(capacities)), state).toEqual([]);
	});

	it('walks the application from a draft to the deposit refund, each step by the one who has it', () => {
		const steps: [RenovationAction, RenovationCapacity, RenovationState][] = [
			['submit', 'applicant', 'submitted'],
			['register', 'desk', 'engineering_review'],
			['request_revision', 'engineering', 'revising'],
			['resubmit', 'contractor', 'engineering_review'],
			['approve_drawings', 'engineering', 'fire_review'],
			['approve_fire_safety', 'security', 'fees'],
			['fees_settled', 'system', 'commitments'],
			['commitments_signed', 'system', 'permit_signing'],
			['issue_permit', 'system', 'in_works'],
			['revoke_permit', 'security', 'suspended'],
			['reinstate_permit', 'manager', 'in_works'],
			['request_completion', 'contractor', 'completion'],
			['record_defects', 'engineering', 'rectifying'],
			['rectified', 'contractor', 'completion'],
			['pass_completion', 'engineering', 'acceptance'],
			['accept', 'manager', 'closed']
		];
		let state: RenovationState = 'draft';
		for (const [action, by, to] of steps) {
			state = renovationMachine.take(state, action, as(by));
			expect(state, action).toBe(to);
		}
	});

	it('keeps each decision with its department: the applicant side decides nothing, and no department acts for the applicant', () => {
		const decisions: RenovationAction[] = [
			'register',
			'code_sheet',
			'request_revision',
			'approve_drawings',
			'approve_fire_safety',
			'return_fire_safety',
			'reject_drawings',
			'reject_fire_safety',
			'sign_permit',
			'issue_permit',
			'issue_worker_pass',
			'issue_hot_work_permit',
			'inspect',
			'record_violation',
			'revoke_permit',
			'reinstate_permit',
			'inspect_hidden_works',
			'record_defects',
			'pass_completion',
			'accept'
		];
		for (const action of decisions) {
			const by: readonly RenovationCapacity[] = renovationMachine.transitions[action].by;
			expect(by.includes('applicant') || by.includes('contractor'), action).toBe(false);
		}
		for (const action of ['submit', 'resubmit', 'answer_comment', 'sign_commitments', 'request_completion', 'rectified'] as const) {
			const by: readonly RenovationCapacity[] = renovationMachine.transitions[action].by;
			expect(
				by.every((c) => c === 'applicant' || c === 'contractor'),
				action
			).toBe(true);
		}
		expect(renovationMachine.transitions.approve_drawings.by).toEqual(['engineering']);
		expect(renovationMachine.transitions.approve_fire_safety.by).toEqual(['security']);
		expect(renovationMachine.transitions.accept.by).toEqual(['manager']);
		// Only the applicant invites a contractor onto its application or withdraws it.
		expect(renovationMachine.transitions.invite_contractor.by).toEqual(['applicant']);
		expect(renovationMachine.transitions.withdraw.by).toEqual(['applicant']);
	});

	it('refuses an action out of its step: 403 for a capacity that may never take it, a stale-state error otherwise', () => {
		expect(() => renovationMachine.take('engineering_review', 'approve_drawings', as('applicant'))).toThrow(
			expect.objectContaining({ status: 403 })
		);
		expect(() => renovationMachine.take('draft', 'approve_drawings', as('engineering'))).toThrow(/changed|moved|state/i);
		expect(renovationMachine.can('in_works', 'withdraw', as('applicant'))).toBe(false);
	});
});
