import { describe, expect, it } from 'vitest';
import { addMonths, parsePeriod } from './period.ts';

describe('periods', () => {
	it('knows month lengths, leap years and the year turn', () => {
		expect(parsePeriod('2024-02')).toEqual({ period: '2024-02', start: '2024-02-01', end: '2024-02-29', nextStart: '2024-03-01' });
		expect(parsePeriod('2026-12').nextStart).toBe('2027-01-01');
		expect(addMonths('2026-01', -1)).toBe('2025-12');
		expect(() => parsePeriod('2026-13')).toThrow(RangeError);
	});
});
