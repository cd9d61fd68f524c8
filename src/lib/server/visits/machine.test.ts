import { describe, expect, it } from 'vitest';
import { followUpMachine, visitMachine } from './machine.ts';

const office = new Set(['office'] as const);
const party = new Set(['party'] as const);

describe('the visit machine', () => {
	it('lets the party answer a booked time and the office answer a proposal', () => {
		expect(visitMachine.open('booked', party)).toEqual(['confirm', 'propose', 'cancel']);
		expect(visitMachine.open('booked', office)).toEqual(['confirm', 'rebook', 'cancel']);
		expect(visitMachine.open('proposed', office)).toEqual(['accept', 'rebook', 'cancel']);
		expect(visitMachine.open('proposed', party)).toEqual(['cancel']);
		expect(visitMachine.next('proposed', 'accept', office)).toBe('confirmed');
		expect(visitMachine.next('confirmed', 'rebook', office)).toBe('booked');
	});

	it('holds only a confirmed visit, and follows up and closes only a held one — the office alone', () => {
		expect(visitMachine.open('confirmed', office)).toEqual(['rebook', 'hold', 'cancel']);
		expect(visitMachine.open('confirmed', party)).toEqual(['cancel']);
		expect(visitMachine.open('held', office)).toEqual(['follow_up', 'close']);
		expect(visitMachine.next('held', 'follow_up', office)).toBe('held');
		expect(visitMachine.open('held', party)).toEqual([]);
		expect(visitMachine.open('closed', office)).toEqual([]);
		expect(visitMachine.open('cancelled', office)).toEqual([]);
		expect(() => visitMachine.take('booked', 'hold', party)).toThrow(expect.objectContaining({ status: 403 }));
		expect(() => visitMachine.take('booked', 'hold', office)).toThrow(expect.objectContaining({ name: 'StaleStateError' }));
	});

	it('answers a follow-up once, by its owner or the office; the job only reminds', () => {
		expect(followUpMachine.open('open', new Set(['owner']))).toEqual(['answer']);
		expect(followUpMachine.open('open', new Set(['office']))).toEqual(['answer']);
		expect(followUpMachine.open('open', new Set(['system']))).toEqual(['remind']);
		expect(followUpMachine.next('open', 'remind', new Set(['system']))).toBe('open');
		expect(followUpMachine.open('done', new Set(['owner', 'office', 'system']))).toEqual([]);
	});
});
