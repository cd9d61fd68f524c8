import { describe, expect, it } from 'vitest';
import { contrastRatio, isHexColour, MIN_TEXT_CONTRAST } from './colour-contrast.ts';

describe('the contrast ratio of two colours', () => {
	it('is 21 for black on white and 1 for a colour on itself, in either order', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrastRatio('#FFFFFF', '#000000')).toBeCloseTo(21, 5);
		expect(contrastRatio('#0b5cad', '#0b5cad')).toBe(1);
	});

	it('passes the usual dark brand blues with white text and refuses yellow and a grey just too light', () => {
		expect(contrastRatio('#0b5cad', '#ffffff')).toBeGreaterThan(MIN_TEXT_CONTRAST);
		expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
		expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(MIN_TEXT_CONTRAST);
		expect(contrastRatio('#ffcc00', '#ffffff')).toBeLessThan(2);
	});

	it('knows a #rrggbb colour from anything else', () => {
		expect(isHexColour('#0B5cad')).toBe(true);
		for (const value of ['0b5cad', '#fff', '#0b5cadff', 'blue', '#0b5cag']) expect(isHexColour(value), value).toBe(false);
		expect(() => contrastRatio('blue', '#ffffff')).toThrow(RangeError);
	});
});
