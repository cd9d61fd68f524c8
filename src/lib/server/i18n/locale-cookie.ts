import type { Cookies } from '@sveltejs/kit';
import { cookieName, type Locale } from '#lib/paraglide/runtime.js';

const ONE_YEAR_S = 365 * 24 * 60 * 60;

/** Paraglide's own cookie: the browser-side runtime reads it too, so it is not HttpOnly. */
export function setLocaleCookie(cookies: Cookies, url: URL, locale: Locale): void {
	cookies.set(cookieName, locale, {
		path: '/',
		maxAge: ONE_YEAR_S,
		sameSite: 'lax',
		httpOnly: false,
		secure: url.protocol === 'https:'
	});
}
