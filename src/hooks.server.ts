import type { Handle, HandleServerError, ResolveOptions, ServerInit } from '@sveltejs/kit/hooks';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/env';
import { paraglideMiddleware } from '#lib/paraglide/server.js';
import { startDatabase } from '#lib/server/db/start.ts';
import { bootServer } from '#lib/server/boot/boot.ts';
import { config, configOrExit } from '#lib/server/config.ts';
import { transportHeaders } from '#lib/server/security-headers.ts';
import { installValidationMessages } from '#lib/server/forms/error-map.ts';
import { requestGuard } from '#lib/server/forms/request-guard.ts';
import { resumableRoutes, uploadRoutes } from '#lib/server/boot/upload-routes.ts';
// Importing negotiate.ts also registers the Accept-Language strategy with Paraglide.
import { rememberLocale, widgetPath } from '#lib/server/i18n/negotiate.ts';
import { frameAncestors, publicWidget } from '#lib/server/widget/settings.ts';
import { requestSession } from '#lib/server/boot/request-session.ts';
import { staffRouteGuard } from '#lib/server/auth/route-guard.ts';
import { SESSION_COOKIE, deleteSessionCookie, setSessionCookie } from '#lib/server/auth/sessions.ts';
import { currentRequestId, inRequest, log, requestIdFor } from '#lib/server/log.ts';
import { observeRequest } from '#lib/server/metrics.ts';
import { m } from '#lib/paraglide/messages.js';

installValidationMessages();

export const init: ServerInit = async () => {
	if (building) return;
	configOrExit();
	await bootServer();
};

/**
 * What the page's <head> asks the browser to fetch early: its styles and fonts, not its JavaScript.
 * Pages are whole without JavaScript (it only enhances them), but 20–30 `modulepreload` links put
 * every chunk ahead of the page's first paint over the six connections of HTTP/1.1: on a slow phone
 * network the content then waits for code it does not need to be shown (issue 9: Lighthouse's LCP
 * went from 2.0–2.7 s to about 1 s without them). The boot script imports the same modules after
 * the page has arrived.
 */
const preload: ResolveOptions['preload'] = ({ type }) => type === 'css' || type === 'font';

/**
 * Every request gets an id (the proxy's X-Request-Id, or a new one): on each log line written while
 * it is served, in its response header and on its error page. Its answer is counted by route for
 * /metrics and logged in one line.
 */
const observe: Handle = ({ event, resolve }) => {
	const requestId = requestIdFor(event.request.headers.get('x-request-id'));
	const started = performance.now();
	return inRequest(requestId, async () => {
		let status = 500;
		try {
			// An error page (ErrorCard marks itself) ends with the request's reference, added here on the
			// server, outside the hydrated body: no JavaScript of any page grows for it. (The id is
			// letters, digits, dots and dashes — requestIdFor — so it needs no escaping.)
			const response = await resolve(event, {
				transformPageChunk: ({ html }) =>
					html.includes('data-error-card')
						? html.replace('</body>', `<p class="request-ref">${m.error_reference({ id: requestId })}</p></body>`)
						: html
			});
			status = response.status;
			response.headers.set('X-Request-Id', requestId);
			return response;
		} finally {
			const seconds = (performance.now() - started) / 1000;
			observeRequest(event.request.method, event.route.id, status, seconds);
			// The route's id, never the path: a personal link's path is its secret (/s/<token>).
			log().info({ method: event.request.method, route: event.route.id, status, ms: Math.round(seconds * 1000) }, 'request');
		}
	});
};

/** An unexpected error: logged with its request id, which the error page shows as its reference. */
export const handleError: HandleServerError = (caught) => {
	const requestId = currentRequestId() ?? requestIdFor(null);
	// error(404) and the framework's own (a route that does not exist) are answers, not faults.
	if (caught.kind === 'unknown') log().error({ err: caught.error, route: caught.event.route.id }, 'unexpected error');
	return { requestId };
};

const locale: Handle = ({ event, resolve }) =>
	// Only cookie / Accept-Language strategies are used, so the request URL needs no rewriting.
	paraglideMiddleware(event.request, ({ locale }) =>
		resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale), preload })
	);

const session: Handle = async ({ event, resolve }) => {
	event.locals.actor = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		await startDatabase();
		// A read-only request keeps what its loads look up about the actor (kernel/request-memo.ts).
		const result = await requestSession(token, event.request.method);
		if (result) {
			event.locals.actor = result.actor;
			if (result.refreshed) setSessionCookie(event.cookies, event.url, token);
		} else {
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	return resolve(event);
};

const headers: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	// npm start's server adds these to every response; here they also reach other servers (vite dev).
	for (const [name, value] of transportHeaders(config().origin)) response.headers.set(name, value);
	// A personal link (/s/<token>) carries its secret in the path: no Referer may repeat it to
	// another site, and no cache may keep the page (whatever the page answered, 404 included).
	// 'same-origin', not 'no-referrer': under no-referrer a browser posts a plain form with
	// Origin: null, which the CSRF check refuses, and the link's form must work without JavaScript.
	const personalLink = event.url.pathname.startsWith('/s/');
	response.headers.set('Referrer-Policy', personalLink ? 'same-origin' : 'strict-origin-when-cross-origin');
	if (personalLink) response.headers.set('Cache-Control', 'no-store');
	// Widget pages may be framed by the host sites their estate lists, and by nobody else; every
	// other page by nobody (CSP frame-ancestors 'none', and X-Frame-Options for old browsers).
	const widgetKey = widgetPath.exec(event.url.pathname) ? event.url.pathname.split('/')[2]! : null;
	if (widgetKey === null) response.headers.set('X-Frame-Options', 'DENY');
	else await allowWidgetFraming(response, widgetKey);
	response.headers.set('Permissions-Policy', 'camera=(self), geolocation=(), microphone=()');
	// Personal pages must not be cached; routes that set their own policy (stored photos) keep it.
	if (event.locals.actor && !response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

/** Sends the estate's host sites as the widget page's frame-ancestors (none when the key names no widget). */
async function allowWidgetFraming(response: Response, key: string): Promise<void> {
	const policy = response.headers.get('Content-Security-Policy');
	if (!policy) return;
	await startDatabase();
	const ancestors = frameAncestors(await publicWidget(key));
	response.headers.set('Content-Security-Policy', policy.replace(/frame-ancestors [^;]*/, `frame-ancestors ${ancestors}`));
}

// The request guard runs in the request's language (its 413 says why) and before anything
// reads a body or the search parameters; the staff route table needs the session's actor.
export const handle = sequence(
	observe,
	headers,
	locale,
	requestGuard(uploadRoutes, resumableRoutes),
	rememberLocale,
	session,
	staffRouteGuard
);
