/**
 * Amounts and prices as people type them, read exactly (no floating point): "1,234.50",
 * "１２３４.５" (full-width digits from a Chinese keyboard), "¥ 80". The results are integers:
 * minor units for amounts, 1/10000 of the minor unit ("priceMicro") for prices. Used by the
 * forms' schemas on the server and by pages alike.
 */

/** The largest amount one form may carry: 10 000 000.00, well inside a 32-bit column of minor units. */
export const MAX_AMOUNT_MINOR = 1_000_000_000;
/** Prices per m², kWh or item: up to 1 000 000.000000 of the major unit. */
export const MAX_PRICE_MICRO = 1_000_000 * 1_000_000;

/** Full-width forms folded, spaces, a leading currency sign and well-placed thousands separators removed. */
function tidy(text: string): string {
	let value = text.normalize('NFKC').trim().replace(/\s+/g, '');
	value = value.replace(/^(?:[A-Za-z]{3}|HK\$|\$|¥)/, '');
	// "1,234.50" yes; "1,2,3" or "12,50" (a decimal comma) no: those stay and fail the pattern.
	if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(value)) value = value.replace(/,/g, '');
	return value;
}

/** Minor units from a typed amount with at most two decimals; null when it is not one. */
export function parseAmountMinor(text: string): number | null {
	const match = /^(\d{1,10})(?:\.(\d{0,2}))?$/.exec(tidy(text));
	if (!match) return null;
	const minor = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
	return Number.isSafeInteger(minor) ? minor : null;
}

/** priceMicro from a typed price with at most six decimals ("3.805" → 3 805 000); null when it is not one. */
export function parsePriceMicro(text: string): number | null {
	const match = /^(\d{1,7})(?:\.(\d{0,6}))?$/.exec(tidy(text));
	if (!match) return null;
	const micro = Number(match[1]) * 1_000_000 + Number((match[2] ?? '').padEnd(6, '0'));
	return Number.isSafeInteger(micro) ? micro : null;
}

/** A quantity (m², kWh, m³, a count) with at most two decimals, as the decimal string bills store. */
export function parseQuantity(text: string): string | null {
	const match = /^(\d{1,12})(?:\.(\d{0,2}))?$/.exec(tidy(text));
	if (!match) return null;
	const whole = match[1]!.replace(/^0+(?=\d)/, '');
	const fraction = (match[2] ?? '').replace(/0+$/, '');
	return fraction ? `${whole}.${fraction}` : whole;
}
