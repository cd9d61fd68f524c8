import { getLocale, type Locale } from '#lib/paraglide/runtime.js';

/**
 * Items joined the way the language lists them: "A, B, C" in English, "A、B、C" in Chinese. The
 * page's language unless another is given (a notification in its recipient's).
 */
export function listText(items: readonly string[], locale: Locale = getLocale()): string {
	return new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' }).format(items);
}
