/**
 * Formatting for receipts, without floating point: amounts are integer minor units.
 */

/** Minor-unit digits of the currencies we may meet (ISO 4217); anything else has 2. */
const EXPONENT: Record<string, number> = { JPY: 0, KRW: 0, VND: 0 };

/** Integer minor units as "CNY 1,234.56" (the ISO code reads the same in every language). */
export function formatMoney(minor: number, currency: string): string {
	if (!Number.isSafeInteger(minor)) throw new RangeError(`Not an amount in minor units: ${minor}.`);
	const code = currency.toUpperCase();
	const exponent = EXPONENT[code] ?? 2;
	const negative = minor < 0;
	const digits = String(negative ? -minor : minor).padStart(exponent + 1, '0');
	const whole = digits.slice(0, digits.length - exponent);
	const fraction = digits.slice(digits.length - exponent);
	const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
	return `${code} ${negative ? '-' : ''}${grouped}${exponent > 0 ? `.${fraction}` : ''}`;
}

/** "2026-11-22 14:05" in the estate's time zone, readable in every language. */
export function formatIssuedAt(date: Date, timeZone: string): string {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		})
			.formatToParts(date)
			.map((part) => [part.type, part.value])
	);
	return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
