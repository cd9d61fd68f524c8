import { describe, expect, it } from 'vitest';
import { formatPriceMicro, parseAmountMinor, parsePriceMicro, parseQuantity } from './fees-money.ts';

describe('parseAmountMinor — typed money to whole fen, exactly', () => {
	it.each([
		['304', 30400],
		['304.5', 30450],
		['304.05', 30405],
		['0.1', 10],
		['1,234.56', 123456],
		['12,345,678.9', 1234567890],
		[' ¥ 80 ', 8000],
		['HK$1,000', 100000],
		['CNY 5', 500],
		['１２３．４５', 12345],
		['0.29', 29],
		['1.', 100]
	])('%s → %i', (typed, minor) => {
		expect(parseAmountMinor(typed)).toBe(minor);
	});

	it.each(['', 'abc', '12.345', '-5', '1,2,3', '12,50', '1e3', '0x10', '1.2.3', '12345678901'])('refuses %j', (typed) => {
		expect(parseAmountMinor(typed)).toBeNull();
	});
});

describe('parsePriceMicro and parseQuantity', () => {
	it('reads prices to 1/10000 of a fen and quantities to hundredths, as decimal strings', () => {
		expect(parsePriceMicro('3.805')).toBe(3_805_000);
		expect(parsePriceMicro('0.000001')).toBe(1);
		expect(parsePriceMicro('0.0000001')).toBeNull();
		expect(parseQuantity('087.50')).toBe('87.5');
		expect(parseQuantity('2')).toBe('2');
		expect(parseQuantity('1.005')).toBeNull();
		expect(formatPriceMicro(3_805_000)).toBe('3.805');
		expect(formatPriceMicro(80_000_000)).toBe('80.00');
	});
});
