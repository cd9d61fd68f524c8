import { describe, expect, it } from 'vitest';
import { surveyMachine, surveyStates, type SurveyCapacity } from './machine.ts';

const as = (...capacities: SurveyCapacity[]) => new Set(capacities);

describe('the survey machine', () => {
	it('walks draft → sending → open → closed, each step taken by whom the table says', () => {
		expect(surveyMachine.take('draft', 'send', as('editor'))).toBe('sending');
		expect(surveyMachine.take('sending', 'sent', as('system'))).toBe('open');
		expect(surveyMachine.take('open', 'close', as('system'))).toBe('closed');
		expect(surveyMachine.take('closed', 'approve_report', as('approver'))).toBe('closed');
	});

	it('freezes a sent survey: no edit once it is sending, open or closed', () => {
		for (const state of surveyStates.filter((s) => s !== 'draft')) expect(surveyMachine.can(state, 'edit', as('editor'))).toBe(false);
	});

	it('lets only the system say the links are out, and only an approver approve the report', () => {
		expect(surveyMachine.can('sending', 'sent', as('editor', 'approver'))).toBe(false);
		expect(surveyMachine.can('closed', 'approve_report', as('editor', 'system'))).toBe(false);
	});

	it('opens to each capacity, in each state, the actions the table lists', () => {
		const table = Object.fromEntries(
			surveyStates.map((state) => [
				state,
				(['editor', 'approver', 'system'] as const).map((c) => `${c}: ${surveyMachine.open(state, as(c)).join(', ')}`)
			])
		);
		expect(table).toEqual({
			draft: ['editor: edit, send, discard', 'approver: ', 'system: '],
			sending: ['editor: ', 'approver: ', 'system: sent'],
			open: ['editor: remind, print_letters, close', 'approver: ', 'system: remind, close'],
			closed: ['editor: ', 'approver: approve_report', 'system: ']
		});
	});
});
