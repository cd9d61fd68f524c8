import { describe, expect, it } from 'vitest';
import { floorLabel } from './floors.ts';

describe('floor labels', () => {
	it('follow the building directory: G/F, 12/F, B2', () => {
		expect(floorLabel(0)).toBe('G/F');
		expect(floorLabel(12)).toBe('12/F');
		expect(floorLabel(-2)).toBe('B2');
	});
});
