import { describe, expect, it } from 'vitest';
import {
	decimalString,
	divideHalfUp,
	lineAmount,
	minorToDecimal,
	money,
	parseAmountMinor,
	parsePriceMicro,
	parseQuantity,
	priceToDecimal,
	quantity,
	toHundredths,
	unitPrice
} from './index.ts';

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

describe('lineAmount', () => {
	it('charges 87.35 m² at 3.80 CNY/m² exactly 331.93 CNY', () => {
		expect(lineAmount('87.35', 3_800_000)).toBe(33193);
		expect(lineAmount(8735, 3_800_000)).toBe(33193);
		expect(minorToDecimal(lineAmount('87.35', parsePriceMicro('3.80')!))).toBe('331.93');
	});

	it('rounds a half fen up and anything below a half down', () => {
		// 0.25 m² × 2 fen = 0.5 fen → 1 fen; 0.24 m² × 2 fen = 0.48 fen → 0
		expect(lineAmount('0.25', 20_000)).toBe(1);
		expect(lineAmount('0.24', 20_000)).toBe(0);
		// 1 m² × 3.805 CNY = 380.5 fen → 381; 1 m² × 3.80499 CNY = 380.499 fen → 380
		expect(lineAmount('1', parsePriceMicro('3.805')!)).toBe(381);
		expect(lineAmount('1', parsePriceMicro('3.80499')!)).toBe(380);
		// 0.01 m² × 0.4999 fen → 0.004999 fen → 0
		expect(lineAmount('0.01', 4_999)).toBe(0);
	});

	it('rounds once over the whole line, not per unit of quantity', () => {
		// 3 × 0.5 fen would be 3 fen if each unit were rounded; the line is 1.5 fen → 2.
		expect(lineAmount('3', 5_000)).toBe(2);
	});

	it('keeps amounts exact where floating point would drift', () => {
		// 0.1 + 0.2 style errors: 1234567.89 m² × 12.50 CNY = 1 543 209 862.5 fen → …863
		expect(lineAmount('1234567.89', parsePriceMicro('12.50')!)).toBe(1_543_209_863);
		expect(lineAmount('100.10', parsePriceMicro('0.70')!)).toBe(7007);
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

describe('minorToDecimal and parsePriceMicro', () => {
	it('formats fen as yuan and parses yuan prices', () => {
		expect(minorToDecimal(5)).toBe('0.05');
		expect(minorToDecimal(-1250)).toBe('-12.50');
		expect(parsePriceMicro('12.50')!).toBe(12_500_000);
		expect(parsePriceMicro('0.6800')).toBe(680_000);
		expect(parsePriceMicro('1.0000001')).toBeNull();
	});
});

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
		expect(parsePriceMicro('3.805')!).toBe(3_805_000);
		expect(parsePriceMicro('0.000001')).toBe(1);
		expect(parsePriceMicro('0.0000001')).toBeNull();
		expect(parseQuantity('087.50')).toBe('87.5');
		expect(parseQuantity('2')).toBe('2');
		expect(parseQuantity('1.005')).toBeNull();
		expect(priceToDecimal(3_805_000)).toBe('3.805');
		expect(priceToDecimal(80_000_000)).toBe('80.00');
	});
});
