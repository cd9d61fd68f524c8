// Amounts on the bills pages: integer minor units shown in the reader's language without passing
// through floating point (Intl formats the exact decimal string).
import { getLocale } from '#lib/paraglide/runtime.js';

/** Minor-unit digits of the currencies we may meet (ISO 4217); anything else has 2. */
const EXPONENT: Record<string, number> = { JPY: 0, KRW: 0, VND: 0 };

/** An integer count of 1/10^scale units as an exact decimal string: (33193, 2) → '331.93'. */
export function decimalString(value: number, scale: number): string {
	if (!Number.isSafeInteger(value)) throw new RangeError(`Not an integer amount: ${value}.`);
	const digits = String(Math.abs(value)).padStart(scale + 1, '0');
	const whole = digits.slice(0, digits.length - scale);
	const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
	return `${value < 0 ? '-' : ''}${whole}${fraction}`;
}

function formatter(currency: string, locale: string, fractionDigits?: { min: number; max: number }) {
	return new Intl.NumberFormat(locale, {
		style: 'currency',
		currency,
		currencyDisplay: 'narrowSymbol',
		...(fractionDigits ? { minimumFractionDigits: fractionDigits.min, maximumFractionDigits: fractionDigits.max } : {})
	});
}

/** 33193 CNY → '¥331.93'. */
export function money(minor: number, currency = 'CNY', locale: string = getLocale()): string {
	const code = currency.toUpperCase();
	return formatter(code, locale).format(decimalString(minor, EXPONENT[code] ?? 2) as Intl.StringNumericLiteral);
}

/** A unit price in 1/10000 of the minor unit, with as many decimals as it has: 3 805 000 → '¥3.805'. */
export function unitPrice(priceMicro: number, currency: string, locale: string = getLocale()): string {
	const code = currency.toUpperCase();
	const exponent = EXPONENT[code] ?? 2;
	return formatter(code, locale, { min: exponent, max: exponent + 4 }).format(
		decimalString(priceMicro, exponent + 4) as Intl.StringNumericLiteral
	);
}

/** A quantity such as '87.35' in the reader's language, without trailing zeros. */
export function quantity(value: string, locale: string = getLocale()): string {
	return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value as Intl.StringNumericLiteral);
}

/** B000042: how staff and residents quote a bill (on the phone, in reminders, on receipts). */
export function billReference(seq: number): string {
	return `B${String(seq).padStart(6, '0')}`;
}

/** F000007: a refund's reference. */
export function refundReference(seq: number): string {
	return `F${String(seq).padStart(6, '0')}`;
}
