// Money as a person reads it, in their language: the exact decimal string goes to Intl, so no
// amount is ever divided in floating point.
import { getLocale } from '#lib/paraglide/runtime.js';
import { decimalString, minorDigits } from './decimal.ts';
import { numberFormat } from '#lib/numbers.ts';

const formatter = numberFormat;

const currencyStyle = (currency: string) =>
	({ style: 'currency', currency: currency.toUpperCase(), currencyDisplay: 'narrowSymbol' }) as const;

/** 33193 CNY → '¥331.93'. */
export function money(minor: number, currency: string, locale: string = getLocale()): string {
	return formatter(locale, currencyStyle(currency)).format(decimalString(minor, minorDigits(currency)) as Intl.StringNumericLiteral);
}

/** A unit price in 1/10000 of the minor unit, with as many decimals as it has: 3 805 000 → '¥3.805'. */
export function unitPrice(priceMicro: number, currency: string, locale: string = getLocale()): string {
	const digits = minorDigits(currency);
	return formatter(locale, { ...currencyStyle(currency), minimumFractionDigits: digits, maximumFractionDigits: digits + 4 }).format(
		decimalString(priceMicro, digits + 4) as Intl.StringNumericLiteral
	);
}

/** A quantity such as '87.35' (m², kWh, m³) in the reader's language, without trailing zeros. */
export function quantity(value: string, locale: string = getLocale()): string {
	return formatter(locale, { maximumFractionDigits: 2 }).format(value as Intl.StringNumericLiteral);
}

/** "CNY 1,234.56": the ISO code reads the same in every language (receipts, exports). */
export function moneyWithCode(minor: number, currency: string): string {
	const digits = minorDigits(currency);
	const amount = formatter('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
		decimalString(minor, digits) as Intl.StringNumericLiteral
	);
	return `${currency.toUpperCase()} ${amount}`;
}
