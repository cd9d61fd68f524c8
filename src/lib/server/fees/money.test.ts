import { describe, expect, it } from 'vitest';
import { divideHalfUp, formatMinor, lineAmount, priceMicroFromMajor, toHundredths } from './money.ts';
import { addMonths, parsePeriod } from './period.ts';

describe('lineAmount', () => {
	it('charges 87.35 m² at 3.80 CNY/m² exactly 331.93 CNY', () => {
		expect(lineAmount('87.35', 3_800_000)).toBe(33193);
		expect(lineAmount(8735, 3_800_000)).toBe(33193);
		expect(formatMinor(lineAmount('87.35', priceMicroFromMajor('3.80')))).toBe('331.93');
	});

	it('rounds a half fen up and anything below a half down', () => {
		// 0.25 m² × 2 fen = 0.5 fen → 1 fen; 0.24 m² × 2 fen = 0.48 fen → 0
		expect(lineAmount('0.25', 20_000)).toBe(1);
		expect(lineAmount('0.24', 20_000)).toBe(0);
		// 1 m² × 3.805 CNY = 380.5 fen → 381; 1 m² × 3.80499 CNY = 380.499 fen → 380
		expect(lineAmount('1', priceMicroFromMajor('3.805'))).toBe(381);
		expect(lineAmount('1', priceMicroFromMajor('3.80499'))).toBe(380);
		// 0.01 m² × 0.4999 fen → 0.004999 fen → 0
		expect(lineAmount('0.01', 4_999)).toBe(0);
	});

	it('rounds once over the whole line, not per unit of quantity', () => {
		// 3 × 0.5 fen would be 3 fen if each unit were rounded; the line is 1.5 fen → 2.
		expect(lineAmount('3', 5_000)).toBe(2);
	});

	it('keeps amounts exact where floating point would drift', () => {
		// 0.1 + 0.2 style errors: 1234567.89 m² × 12.50 CNY = 1 543 209 862.5 fen → …863
		expect(lineAmount('1234567.89', priceMicroFromMajor('12.50'))).toBe(1_543_209_863);
		expect(lineAmount('100.10', priceMicroFromMajor('0.70'))).toBe(7007);
	});

	it('rounds negative quantities half away from zero', () => {
		expect(lineAmount('-0.25', 20_000)).toBe(-1);
		expect(divideHalfUp(-15n, 10n)).toBe(-2n);
		expect(divideHalfUp(-14n, 10n)).toBe(-1n);
	});

	it('accepts trailing zeros but refuses more than two significant decimals or junk', () => {
		expect(toHundredths('87.350')).toBe(8735n);
		expect(toHundredths('5')).toBe(500n);
		expect(toHundredths('5.')).toBe(500n);
		expect(() => toHundredths('87.351')).toThrow(RangeError);
		expect(() => toHundredths('1e3')).toThrow(RangeError);
		expect(() => lineAmount(1.5, 100)).toThrow(RangeError);
		expect(() => lineAmount('1', 0.5)).toThrow(RangeError);
	});
});

describe('formatMinor and priceMicroFromMajor', () => {
	it('formats fen as yuan and parses yuan prices', () => {
		expect(formatMinor(5)).toBe('0.05');
		expect(formatMinor(-1250)).toBe('-12.50');
		expect(priceMicroFromMajor('12.50')).toBe(12_500_000);
		expect(priceMicroFromMajor('0.6800')).toBe(680_000);
		expect(() => priceMicroFromMajor('1.0000001')).toThrow(RangeError);
	});
});

describe('periods', () => {
	it('knows month lengths, leap years and the year turn', () => {
		expect(parsePeriod('2024-02')).toEqual({ period: '2024-02', start: '2024-02-01', end: '2024-02-29', nextStart: '2024-03-01' });
		expect(parsePeriod('2026-12').nextStart).toBe('2027-01-01');
		expect(addMonths('2026-01', -1)).toBe('2025-12');
		expect(() => parsePeriod('2026-13')).toThrow(RangeError);
	});
});
