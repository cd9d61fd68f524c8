/**
 * A bill line's amount: quantity × price in integer arithmetic (BigInt), rounded half-up once.
 * Quantities (m², kWh, m³) are counted in hundredths, prices in 1/10000 of the minor unit.
 */

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

/** 87.35 m² × 3.80 CNY/m² (3 800 000) = 33 193 fen = 331.93 CNY. */
export function lineAmount(quantity: string | number | bigint, priceMicro: number | bigint): number {
	if (typeof priceMicro === 'number' && !Number.isSafeInteger(priceMicro))
		throw new RangeError(`priceMicro must be a safe integer, got ${priceMicro}.`);
	const amount = Number(divideHalfUp(toHundredths(quantity) * BigInt(priceMicro), QUANTITY_SCALE * PRICE_SCALE));
	if (!Number.isSafeInteger(amount)) throw new RangeError('The amount is too large.');
	return amount;
}
