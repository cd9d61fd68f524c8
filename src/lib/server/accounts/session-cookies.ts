import type { Cookies } from '@sveltejs/kit';
import { cookieMaxAge, cookieName, isLocale } from '#lib/paraglide/runtime.js';
import { cookieIsSecure, createSession, invalidateSession, setSessionCookie } from '../auth/sessions.ts';

interface SessionEvent {
	cookies: Cookies;
	url: URL;
	request: Request;
	locals: App.Locals;
}

/**
 * Signs a user in on this browser: always a fresh session (never one carried over from before
 * sign-in), and the user's saved language becomes the page language.
 */
export async function beginSession(event: SessionEvent, user: { id: string; locale: string | null }): Promise<void> {
	const previous = event.locals.actor?.sessionId;
	if (previous) await invalidateSession(previous);
	const { token } = await createSession(user.id, event.request.headers.get('user-agent') ?? '');
	setSessionCookie(event.cookies, event.url, token);
	if (user.locale && isLocale(user.locale)) {
		// Readable by the browser: Paraglide's client reads the same cookie.
		event.cookies.set(cookieName, user.locale, {
			path: '/',
			maxAge: cookieMaxAge,
			httpOnly: false,
			sameSite: 'lax',
			secure: cookieIsSecure(event.url)
		});
	}
}
