/**
 * Money maths in integer minor units (fen). Prices are kept in 1/10000 of the minor unit
 * ("priceMicro": 3.80 CNY = 380 fen = 3 800 000), quantities (m², kWh, m³) in hundredths.
 * Nothing here touches floating point: amounts are worked out with BigInt and rounded half-up
 * (half away from zero for negative quantities) to whole minor units.
 */

/** 1 minor unit = 10 000 priceMicro; a quantity is counted in hundredths. */
const PRICE_SCALE = 10_000n;
const QUANTITY_SCALE = 100n;

/** The quantity in hundredths from a numeric string ('87.35', '100', '-0.5') or an integer of hundredths. */
export function toHundredths(quantity: string | number | bigint): bigint {
	if (typeof quantity === 'bigint') return quantity;
	if (typeof quantity === 'number') {
		if (!Number.isSafeInteger(quantity)) throw new RangeError(`A quantity in hundredths must be a safe integer, got ${quantity}.`);
		return BigInt(quantity);
	}
	const match = /^\s*([+-]?)(\d+)(?:\.(\d{0,2})0*)?\s*$/.exec(quantity);
	if (!match) throw new RangeError(`Not a quantity with at most two decimals: '${quantity}'.`);
	const [, sign, whole, fraction = ''] = match;
	const hundredths = BigInt(whole!) * QUANTITY_SCALE + BigInt(fraction.padEnd(2, '0'));
	return sign === '-' ? -hundredths : hundredths;
}

/** Integer division rounded half away from zero (half-up for non-negative values). */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
	if (denominator <= 0n) throw new RangeError('The denominator must be positive.');
	const negative = numerator < 0n;
	const magnitude = negative ? -numerator : numerator;
	const rounded = (magnitude * 2n + denominator) / (denominator * 2n);
	return negative ? -rounded : rounded;
}

/**
 * A bill line's amount in minor units: quantity × price, rounded half-up once, exactly.
 * `quantity` is a numeric string ('87.35') or an integer number of hundredths (8735).
 * 87.35 m² × 3.80 CNY/m² (3 800 000) = 33 193 fen = 331.93 CNY.
 */
export function lineAmount(quantity: string | number | bigint, priceMicro: number | bigint): number {
	const price = typeof priceMicro === 'bigint' ? priceMicro : toIntegerBigInt(priceMicro, 'priceMicro');
	const amount = divideHalfUp(toHundredths(quantity) * price, QUANTITY_SCALE * PRICE_SCALE);
	const result = Number(amount);
	if (!Number.isSafeInteger(result)) throw new RangeError('The amount is too large.');
	return result;
}

function toIntegerBigInt(value: number, name: string): bigint {
	if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a safe integer, got ${value}.`);
	return BigInt(value);
}

/** A price in 1/10000 of the minor unit from a decimal amount of the major unit: '3.80' → 3 800 000. */
export function priceMicroFromMajor(amount: string): number {
	const match = /^\s*(\d+)(?:\.(\d{0,6})0*)?\s*$/.exec(amount);
	if (!match) throw new RangeError(`Not a price with at most six decimals: '${amount}'.`);
	const [, whole, fraction = ''] = match;
	return Number(BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0')));
}

/** Minor units as a plain decimal string of the major unit: 33193 → '331.93', -5 → '-0.05'. */
export function formatMinor(minor: number): string {
	if (!Number.isSafeInteger(minor)) throw new RangeError(`Not an amount in minor units: ${minor}.`);
	const sign = minor < 0 ? '-' : '';
	const magnitude = Math.abs(minor);
	return `${sign}${Math.trunc(magnitude / 100)}.${String(magnitude % 100).padStart(2, '0')}`;
}
