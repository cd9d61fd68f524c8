/** Minor units (fen) as a decimal amount with two places, e.g. 12050 → "120.50". */
export function formatMinor(minor: number): string {
	const sign = minor < 0 ? '-' : '';
	const abs = Math.abs(minor);
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "120", "120.5" or "120.50" → 12050; the schema has already checked the shape. */
export function parseMinor(amount: string): number {
	const [whole, fraction = ''] = amount.trim().split('.');
	return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
