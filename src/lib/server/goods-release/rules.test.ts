import { describe, expect, it } from 'vitest';
import { itemLinesText, readItemLines } from './items.ts';
import { readSlipNumber } from './gate.ts';
import { releaseMachine } from './machine.ts';
import { slipStatus } from './status.ts';

describe('goods release rules', () => {
	it('reads one item a line with its quantity at the end', () => {
		expect(readItemLines('Sofa\n\n  Chairs x 4 \n椅子 ×2\nBoxes*10\nModel X1')).toEqual([
			{ description: 'Sofa', quantity: 1 },
			{ description: 'Chairs', quantity: 4 },
			{ description: '椅子', quantity: 2 },
			{ description: 'Boxes', quantity: 10 },
			{ description: 'Model X1', quantity: 1 }
		]);
		expect(itemLinesText(readItemLines('Sofa\nChairs x 4'))).toBe('Sofa\nChairs × 4');
	});

	it('derives expired and not-yet-valid from the day, never from a stored state', () => {
		expect(slipStatus({ state: 'issued', validOn: '2026-12-04' }, '2026-12-04')).toBe('issued');
		expect(slipStatus({ state: 'issued', validOn: '2026-12-03' }, '2026-12-04')).toBe('expired');
		expect(slipStatus({ state: 'requested', validOn: '2026-12-03' }, '2026-12-04')).toBe('expired');
		expect(slipStatus({ state: 'issued', validOn: '2026-12-05' }, '2026-12-04')).toBe('not_yet');
		expect(slipStatus({ state: 'released', validOn: '2026-12-03' }, '2026-12-04')).toBe('released');
	});

	it('reads a slip number as a guard types it', () => {
		expect(readSlipNumber('G000123')).toBe(123);
		expect(readSlipNumber('g 123')).toBe(123);
		expect(readSlipNumber('123')).toBe(123);
		expect(readSlipNumber('Ｇ０００１２３')).toBe(123);
		expect(readSlipNumber('R000123')).toBeNull();
		expect(readSlipNumber('G0')).toBeNull();
	});

	it('releases only an issued slip, and only the guard', () => {
		expect(releaseMachine.open('issued', new Set(['guard']))).toEqual(['release']);
		expect(releaseMachine.open('issued', new Set(['desk']))).toEqual(['cancel']);
		expect(releaseMachine.open('requested', new Set(['desk']))).toEqual(['issue', 'refuse', 'cancel']);
		expect(releaseMachine.open('released', new Set(['desk', 'guard', 'holder']))).toEqual([]);
	});
});
