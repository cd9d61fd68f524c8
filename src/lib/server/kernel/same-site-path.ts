/**
 * The one normaliser for every place the app sends a browser to a path that came from outside
 * (the page after signing in, the page after switching language) and for links the app writes
 * (notifications): only a path on this site passes, in the plain ASCII form a Location header can
 * carry; anything else — another host, a scheme, or something a browser or proxy might read as
 * one — is refused, and the caller goes home instead.
 *
 * Browsers are lenient: they treat "\" as "/", drop tabs and newlines, decode percent escapes in
 * some places, and some fold look-alike characters ("／", U+FF0F) to ASCII (NFKC). So the value is
 * checked as given, percent-decoded, and NFKC-normalised, and must be a plain "/path" every way;
 * then it is resolved against a dummy origin (which also removes "/./" and "/../") and must still
 * be a plain path with the same origin afterwards.
 */
const BASE = 'http://same-site.invalid';
const MAX_LENGTH = 2000;

/** Control characters (C0, DEL, C1) and the backslash, which browsers read as "/". */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose (wider than forms/control-characters.ts: C1 too)
const unsafe = /[\u0000-\u001f\u007f-\u009f\\]/;

/** A plain path: one leading "/", not "//" (a host), with nothing unsafe in it. */
function plainPath(value: string): boolean {
	return value.startsWith('/') && !value.startsWith('//') && !unsafe.test(value);
}

function decoded(value: string): string | null {
	try {
		return decodeURIComponent(value);
	} catch {
		return null;
	}
}

/** The value as a same-site path ("/app/units/1?tab=x#y"), or null when it is anything else. */
export function sameSitePath(value: unknown): string | null {
	if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return null;
	const unescaped = decoded(value);
	if (unescaped === null) return null;
	const readings = [value, unescaped, value.normalize('NFKC'), unescaped.normalize('NFKC')];
	if (!readings.every(plainPath)) return null;
	let url: URL;
	try {
		url = new URL(value, BASE);
	} catch {
		return null;
	}
	if (url.origin !== BASE) return null;
	const path = url.pathname + url.search + url.hash;
	// Dot segments may have folded "/.//host" into "//host".
	if (!plainPath(path) || !plainPath(decoded(path) ?? '//')) return null;
	return path;
}

/** Where to send the browser: the same-site path, or the home page for anything else. */
export function redirectTarget(value: unknown, home = '/'): string {
	return sameSitePath(value) ?? home;
}
