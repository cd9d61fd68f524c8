import type { Server } from 'node:http';

/**
 * Headers every response carries — pages, API answers, stored files and the build's static
 * files alike:
 * - nosniff: a browser never runs bytes as something other than their declared type;
 * - HSTS, on an https origin only: once seen, the browser never again sends a cookie over plain
 *   http to this host. Never on http://localhost, which a browser would then refuse to open.
 *   No includeSubDomains: other hosts of the company's domain are not ours to pin.
 */
export function transportHeaders(origin: string): [name: string, value: string][] {
	const headers: [string, string][] = [['X-Content-Type-Options', 'nosniff']];
	if (new URL(origin).protocol === 'https:') headers.push(['Strict-Transport-Security', 'max-age=31536000']);
	return headers;
}

/**
 * Puts transportHeaders on every response of the Node server, before anything answers:
 * adapter-node serves /_app/immutable/* and static/ itself, without running the hook, so the
 * hook alone cannot reach them. Headers a handler sets later (e.g. the hook's) still win.
 */
export function addTransportHeaders(server: Server, origin: string): void {
	const headers = transportHeaders(origin);
	server.prependListener('request', (_request, response) => {
		for (const [name, value] of headers) response.setHeader(name, value);
	});
}
