/**
 * The hook's check of the back office (it runs after the session hook has set locals.actor): a
 * signed-in account that is not staff, or a staff member without what the route needs
 * (staff-routes.ts), gets 403 before any load, action or endpoint runs. Signed-out requests go on
 * unchanged: the staff layout sends pages to the login and every service answers 401. Estates and
 * records are not known here; the services still scope every query (404 for another estate's).
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { Handle } from '@sveltejs/kit/hooks';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { isStaffRoute, mayOpenStaffRoute } from './staff-routes.ts';

export const staffRouteGuard: Handle = ({ event, resolve }) => {
	const routeId = event.route.id;
	const actor = event.locals.actor;
	if (actor && isStaffRoute(routeId) && !mayOpenStaffRoute(actor, routeId)) return forbidden(event);
	return resolve(event);
};

/** The refusal page is plain HTML with its own small style: the app's stylesheet belongs to SvelteKit's pages. */
const style = 'body{font-family:system-ui,sans-serif;line-height:1.5;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1f2933}';

/**
 * The refusal is returned, not thrown: an error thrown in a hook skips the hooks around it, and with
 * them the security headers. Data requests and enhanced forms get the JSON SvelteKit itself sends for
 * an error in a hook (the client then shows the app's error page); a page opened directly gets a
 * small page of its own in the reader's language.
 */
function forbidden(event: RequestEvent): Response {
	const accept = event.request.headers.get('accept') ?? '';
	if (event.isDataRequest || (accept.includes('application/json') && !accept.includes('text/html'))) {
		return Response.json({ message: 'Forbidden' }, { status: 403 });
	}
	const title = m.error_title_forbidden();
	const html =
		`<!doctype html><html lang="${getLocale()}"><head><meta charset="utf-8">` +
		`<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · ${m.app_name()}</title>` +
		`<style>${style}</style></head>` +
		`<body><main><h1>${title}</h1><p>${m.error_forbidden()}</p><p><a href="/">${m.error_back_home()}</a></p></main></body></html>`;
	return new Response(html, {
		status: 403,
		headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" }
	});
}
