import { describe, expect, it } from 'vitest';
import { defineMachine } from './machine.ts';
import { StaleStateError } from './input-error.ts';

const door = defineMachine(['closed', 'open', 'locked'] as const, {
	open: { from: ['closed'], to: 'open', by: ['tenant', 'guard'] },
	close: { from: ['open'], to: 'closed', by: ['tenant', 'guard'] },
	lock: { from: ['closed'], to: 'locked', by: ['guard'], needs: ['key'] },
	note: { from: ['closed', 'open', 'locked'], to: 'same', by: ['guard'] }
});
const as = (...c: ('tenant' | 'guard')[]) => new Set(c);

describe('a machine written as data', () => {
	it('moves only from the listed states, for the listed capacities', () => {
		expect(door.next('closed', 'open', as('tenant'))).toBe('open');
		expect(door.next('open', 'open', as('tenant'))).toBeNull();
		expect(door.next('closed', 'lock', as('tenant'))).toBeNull();
		expect(door.next('locked', 'note', as('guard'))).toBe('locked');
	});

	it('lists the open actions in the order of the table', () => {
		expect(door.open('closed', as('guard'))).toEqual(['open', 'lock', 'note']);
		expect(door.open('locked', as('tenant'))).toEqual([]);
	});

	it('refuses with 403 what a capacity may never do, and with a message what is no longer open', () => {
		expect(() => door.take('closed', 'lock', as('tenant'))).toThrow(expect.objectContaining({ status: 403 }));
		expect(() => door.take('open', 'open', as('tenant'), 'already open')).toThrow(StaleStateError);
		expect(door.take('closed', 'lock', as('guard'))).toBe('locked');
	});
});
