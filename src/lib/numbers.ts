// Numbers as a person reads them, in their language. Intl's formatters are slow to make (a page
// of unit cards made one per card: 3 % of the server's time for the resident home), so each
// language and style is made once.
import { getLocale } from '#lib/paraglide/runtime.js';

const cache = new Map<string, Intl.NumberFormat>();

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
	const key = `${locale}|${JSON.stringify(options)}`;
	let format = cache.get(key);
	if (!format) cache.set(key, (format = new Intl.NumberFormat(locale, options)));
	return format;
}

/** A floor area in m² ('87.35', '1,200'), without the unit: the messages add it. */
export function areaNumber(areaM2: string | number, locale: string = getLocale()): string {
	return numberFormat(locale, { maximumFractionDigits: 2 }).format(Number(areaM2));
}

/** A count or a figure with at most one decimal, in the reader's language ('1,234', '12.5'). */
export function formatNumber(value: number, locale: string = getLocale()): string {
	return numberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}
