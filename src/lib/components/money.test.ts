import { describe, expect, it } from 'vitest';
import { decimalString, money, quantity, unitPrice } from './money.ts';

describe('bill amounts', () => {
	it('writes integer minor units as exact decimals', () => {
		expect(decimalString(33193, 2)).toBe('331.93');
		expect(decimalString(5, 2)).toBe('0.05');
		expect(decimalString(-5, 2)).toBe('-0.05');
		expect(decimalString(9_007_199_254_740_991, 2)).toBe('90071992547409.91');
		expect(() => decimalString(1.5, 2)).toThrow(RangeError);
	});

	it('formats money in the reader language without rounding through floating point', () => {
		expect(money(33193, 'CNY', 'en')).toBe('¥331.93');
		expect(money(123456789, 'CNY', 'zh-Hant')).toBe('¥1,234,567.89');
		// 0.1 + 0.2 style errors would show here with minor / 100.
		expect(money(9_007_199_254_740_991, 'CNY', 'en')).toBe('¥90,071,992,547,409.91');
		expect(money(1500, 'JPY', 'en')).toBe('¥1,500');
	});

	it('shows unit prices with the decimals they have, at least two', () => {
		expect(unitPrice(3_800_000, 'CNY', 'en')).toBe('¥3.80');
		expect(unitPrice(3_805_000, 'CNY', 'en')).toBe('¥3.805');
		expect(unitPrice(6_800, 'CNY', 'en')).toBe('¥0.0068');
	});

	it('shows quantities without trailing zeros', () => {
		expect(quantity('87.35', 'en')).toBe('87.35');
		expect(quantity('1.00', 'en')).toBe('1');
		expect(quantity('1234.50', 'zh-Hans')).toBe('1,234.5');
	});
});
