/**
 * Amounts are integers of the currency's minor unit (fen, cents); prices are integers of
 * 1/10 000 of the minor unit ("priceMicro"). Nothing here passes through floating point: an
 * integer is turned into its exact decimal string, which Intl then formats.
 */

/** Minor-unit digits of the currencies we may meet (ISO 4217); anything else has 2. */
const EXPONENT: Readonly<Record<string, number>> = { JPY: 0, KRW: 0, VND: 0 };

export function minorDigits(currency: string): number {
	return EXPONENT[currency.toUpperCase()] ?? 2;
}

/** An integer count of 1/10^scale units as an exact decimal string: (33193, 2) → '331.93'. */
export function decimalString(value: number, scale: number): string {
	if (!Number.isSafeInteger(value)) throw new RangeError(`Not an integer amount: ${value}.`);
	const digits = String(Math.abs(value)).padStart(scale + 1, '0');
	const whole = digits.slice(0, digits.length - scale);
	const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
	return `${value < 0 ? '-' : ''}${whole}${fraction}`;
}

/** Minor units as the plain decimal of the major unit, for a form field or a file: 33193 → '331.93'. */
export function minorToDecimal(minor: number, currency = 'CNY'): string {
	return decimalString(minor, minorDigits(currency));
}

/** priceMicro as the plain decimal of the major unit, without needless zeros: 3 805 000 → '3.805', 80 000 000 → '80.00'. */
export function priceToDecimal(micro: number, currency = 'CNY'): string {
	const digits = minorDigits(currency);
	const exact = decimalString(micro, digits + 4);
	const [whole, fraction = ''] = exact.split('.');
	const trimmed = fraction.replace(/0+$/, '').padEnd(digits, '0');
	return trimmed ? `${whole}.${trimmed}` : whole!;
}
