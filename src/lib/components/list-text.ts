import { getLocale } from '#lib/paraglide/runtime.js';

/** Items joined the way the page's language lists them: "A, B, C" in English, "A、B、C" in Chinese. */
export function listText(items: readonly string[]): string {
	return new Intl.ListFormat(getLocale(), { type: 'conjunction', style: 'narrow' }).format(items);
}
