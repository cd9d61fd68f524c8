import { describe, expect, it } from 'vitest';
import { repairState } from '#lib/server/db/schema/repairs.ts';
import { repairEventKinds } from '#lib/server/repairs/event-kinds.ts';
import { eventName, stateName } from './repair-labels.ts';

describe('repair labels', () => {
	it('names every state of the repair order', () => {
		for (const state of repairState.enumValues) {
			expect(stateName(state), state).not.toBe(state);
			expect(stateName(state), state).not.toBe('');
		}
	});

	it('names every event a repair timeline may hold', () => {
		for (const kind of Object.keys(repairEventKinds)) expect(eventName(kind), kind).not.toBe(kind);
	});

	it('shows an unknown kind as it is rather than nothing', () => {
		expect(eventName('something_new')).toBe('something_new');
		expect(stateName('unheard_of')).toBe('unheard_of');
	});
});
