// How the survey results' figures read, in the page's language: an index (0–100) with one
// decimal, a mean (1–5) with two, a share as a whole percentage, an NPS and a change with a sign.
// Results carry exact figures; only what is shown is rounded.
import { getLocale } from '#lib/paraglide/runtime.js';
import { numberFormat } from '#lib/numbers.ts';

const DASH = '–';

function fixed(value: number | null | undefined, digits: number, sign = false): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
	return numberFormat(getLocale(), {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits,
		signDisplay: sign ? 'exceptZero' : 'auto'
	}).format(value);
}

/** 62.5 → "62.5". */
export const indexText = (value: number | null | undefined) => fixed(value, 1);

/** 3.5 → "3.50". */
export const meanText = (value: number | null | undefined) => fixed(value, 2);

/** 0.375 → "38%" (a share of 0–1). */
export function shareText(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
	return numberFormat(getLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/** 25 → "+25", −12.5 → "−13" (percentage points, whole). */
export const npsText = (value: number | null | undefined) => fixed(value, 0, true);

/** A change with its sign and one decimal: "+12.5", "−3.0", "0.0". */
export const changeText = (value: number | null | undefined) => fixed(value, 1, true);

/** A change of a share (0–1) in percentage points, whole: "+5", "−12". */
export const shareChangeText = (value: number | null | undefined) =>
	fixed(value === null || value === undefined ? value : value * 100, 0, true);

/** A bar's length in % of the scale, within 0–100 (nothing for a missing figure). */
export function barWidth(value: number | null | undefined, scale: number): number {
	if (value === null || value === undefined || !Number.isFinite(value) || scale <= 0) return 0;
	return Math.max(0, Math.min(100, (value / scale) * 100));
}
