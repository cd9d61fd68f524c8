// The finance pages' numbers: one implementation of money and references for every fees page.
export { money as moneyText, billReference, refundReference } from '../money.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { decimalString } from '../money.ts';

/** Minor units as a plain amount for a form field: 35000 → "350.00". */
export const amountText = (minor: number): string => decimalString(minor, 2);

/** A business date 'YYYY-MM-DD' in the reader's language. */
export function dateText(date: string, locale: string = getLocale()): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

