import type { Handle } from '@sveltejs/kit/hooks';
import { cookieName, defineCustomServerStrategy, getLocale, toLocale, type Locale } from '#lib/paraglide/runtime.js';
import { setLocaleCookie } from './locale-cookie.ts';

/** Paraglide strategy name; list it after "cookie" in the strategy of vite.config.ts and `npm run i18n`. */
const ACCEPT_LANGUAGE_STRATEGY = 'custom-acceptLanguage';

const TRADITIONAL_REGIONS = new Set(['tw', 'hk', 'mo']);

/**
 * Maps one language tag to a locale. Paraglide's own preferredLanguage matches tags literally,
 * so browsers' zh-TW / zh-CN would fall back to English; Chinese needs its script: an explicit
 * script subtag wins, else Taiwan, Hong Kong and Macau read Traditional, everyone else Simplified.
 */
export function localeForTag(tag: string): Locale | undefined {
	const exact = toLocale(tag);
	if (exact) return exact;
	const [language, ...rest] = tag.toLowerCase().split(/[-_]/);
	if (language === 'en') return 'en';
	if (language === 'yue') return 'zh-Hant';
	if (language !== 'zh') return undefined;
	if (rest.includes('hant')) return 'zh-Hant';
	if (rest.includes('hans')) return 'zh-Hans';
	return rest.some((part) => TRADITIONAL_REGIONS.has(part)) ? 'zh-Hant' : 'zh-Hans';
}

/** The best locale for an Accept-Language header, honouring q-values; undefined when none fits. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale | undefined {
	if (!acceptLanguage) return undefined;
	const ranked = acceptLanguage
		.split(',')
		.slice(0, 30)
		.map((part, index) => {
			const [tag = '', ...params] = part.trim().split(';');
			const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const q = qParam ? Number(qParam.slice(2)) : 1;
			return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
		})
		.filter((entry) => entry.tag && entry.tag !== '*' && entry.q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index);
	for (const { tag } of ranked) {
		const locale = localeForTag(tag);
		if (locale) return locale;
	}
	return undefined;
}

/** The locale in Paraglide's cookie, if the Cookie header carries a valid one. */
function cookieLocale(cookieHeader: string | null | undefined): Locale | undefined {
	for (const part of (cookieHeader ?? '').split(';')) {
		const [name, ...value] = part.trim().split('=');
		if (name === cookieName) return toLocale(value.join('='));
	}
	return undefined;
}

/** A widget page carries its language in the path (/widget/<key>/<lang>/…): framed on another site, it keeps no cookie. */
export const widgetPath = /^\/widget\/[^/]+\/([^/]+)/;

/** The locale for a request: a widget page's own, else the reader's stored choice, else their browser's languages. */
export function requestLocale(request: Request | undefined): Locale | undefined {
	const widget = request ? widgetPath.exec(new URL(request.url).pathname) : null;
	if (widget) return toLocale(widget[1]) ?? negotiateLocale(request?.headers.get('accept-language'));
	return cookieLocale(request?.headers.get('cookie')) ?? negotiateLocale(request?.headers.get('accept-language'));
}

// Paraglide runs custom server strategies before all built-in ones whatever their place in the
// list, so this one consults the cookie itself to keep an explicit choice above the header.
defineCustomServerStrategy(ACCEPT_LANGUAGE_STRATEGY, { getLocale: requestLocale });

/**
 * Pins the negotiated locale in Paraglide's cookie on the first visit. The browser's copy of
 * Paraglide reads that cookie; without it, it would guess from navigator.languages without the
 * zh-TW → zh-Hant mapping and hydrate the page in another language than the server rendered.
 * Must run inside Paraglide's middleware (after the locale handle).
 */
export const rememberLocale: Handle = ({ event, resolve }) => {
	// The widget sets no cookie: its pages name their language in the path.
	if (event.url.pathname.startsWith('/widget/')) return resolve(event);
	if (!toLocale(event.cookies.get(cookieName))) setLocaleCookie(event.cookies, event.url, getLocale());
	return resolve(event);
};
