import { describe, expect, it } from 'vitest';
import { repairState } from '#lib/server/db/schema/repairs.ts';
import { repairMachine } from '#lib/server/repairs/machine.ts';
import { eventName, stateName } from './labels.ts';

describe('repair labels', () => {
	it('names every state of the repair order', () => {
		for (const state of repairState.enumValues) {
			expect(stateName(state), state).not.toBe(state);
			expect(stateName(state), state).not.toBe('');
		}
	});

	it('names every event the services record on a repair', () => {
		const recorded = [
			...Object.keys(repairMachine),
			'filed',
			'quote_approved',
			'quote_rejected',
			'quote_accepted',
			'quote_declined',
			'material',
			'after_photos',
			'comment',
			'rated',
			'claimed',
			'handed_over',
			'reply_promised',
			'technician_received',
			'escalated',
			'callback_due',
			'callback_done',
			'callback_reassigned',
			'evaluation_submitted',
			'rectification_issued',
			'rectification_resolved'
		];
		for (const kind of recorded) expect(eventName(kind), kind).not.toBe(kind);
	});

	it('shows an unknown kind as it is rather than nothing', () => {
		expect(eventName('something_new')).toBe('something_new');
		expect(stateName('unheard_of')).toBe('unheard_of');
	});
});
