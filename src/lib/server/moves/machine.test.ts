import { describe, expect, it } from 'vitest';
import { moveInMachine, moveOutMachine, type MoveCapacity } from './machine.ts';

const as = (...capacities: MoveCapacity[]) => new Set(capacities);

describe('the move-in rules as data', () => {
	it('offers the desk its papers, contact persons, keys and defects, engineering the readings and the inspection, the resident its signature', () => {
		expect(moveInMachine.open('open', as('desk'))).toEqual([
			'check_identity',
			'record_papers',
			'add_contact',
			'remove_contact',
			'upload',
			'confirm_reading',
			'issue_key',
			'report_defect',
			'cancel'
		]);
		expect(moveInMachine.open('open', as('inspector'))).toEqual(['record_readings', 'inspect']);
		expect(moveInMachine.open('open', as('party'))).toEqual(['upload', 'sign_rules', 'confirm_reading']);
	});

	it('completes only after the inspection, by the desk, and then offers nothing', () => {
		expect(moveInMachine.can('open', 'complete', as('desk'))).toBe(false);
		expect(moveInMachine.next('inspected', 'complete', as('desk'))).toBe('done');
		expect(moveInMachine.can('inspected', 'complete', as('inspector', 'party'))).toBe(false);
		expect(moveInMachine.open('done', as('desk', 'inspector', 'party', 'finance', 'manager'))).toEqual([]);
	});
});

describe('the move-out rules as data', () => {
	it('settles by finance after the inspection, and completes by the desk after settling', () => {
		expect(moveOutMachine.next('open', 'inspect', as('inspector'))).toBe('inspected');
		expect(moveOutMachine.next('inspected', 'settle', as('finance'))).toBe('settled');
		expect(moveOutMachine.can('inspected', 'complete', as('desk'))).toBe(false);
		expect(moveOutMachine.next('settled', 'complete', as('desk'))).toBe('done');
	});

	it('lets only a manager waive money owed, keeping the state', () => {
		expect(moveOutMachine.next('settled', 'waive', as('manager'))).toBe('settled');
		expect(moveOutMachine.can('settled', 'waive', as('desk', 'finance'))).toBe(false);
		expect(() => moveOutMachine.take('settled', 'waive', as('desk'))).toThrow(expect.objectContaining({ status: 403 }));
	});

	it('lets the leaving party give a forwarding address and withdraw before the inspection', () => {
		expect(moveOutMachine.open('open', as('party'))).toEqual(['confirm_reading', 'forwarding', 'cancel']);
		expect(moveOutMachine.open('inspected', as('party'))).toEqual(['confirm_reading', 'forwarding']);
	});
});
