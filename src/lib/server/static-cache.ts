import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * The files of static/ (the favicon…) are not fingerprinted like the build's /_app/immutable
 * files, which the adapter already marks immutable for a year; they get a week in the browser's
 * cache, so a phone does not ask for them again on every page, and a changed file still arrives
 * within days.
 */
const STATIC_CACHE = 'public, max-age=604800';
/**
 * The widget's loader and frame scripts are named in other sites' pages and cannot be renamed per
 * release: an hour, so a fix reaches every host site the same day.
 */
const WIDGET_SCRIPT_CACHE = 'public, max-age=3600';
const widgetScripts = new Set(['/widget/loader.js', '/widget/frame.js']);

/** Every file the build copied from static/: the client directory without _app, and without the precompressed copies. */
function staticPaths(clientDir: string): Set<string> {
	const paths = new Set<string>();
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			const url = '/' + path.relative(clientDir, full).split(path.sep).join('/');
			if (entry.isDirectory()) {
				if (url !== '/_app') walk(full);
			} else if (!/\.(br|gz)$/.test(entry.name)) paths.add(url);
		}
	};
	walk(clientDir);
	return paths;
}

/** Marks the static files' responses cacheable, ahead of the server's own handler (which sets no Cache-Control for them). */
export function cacheStaticFiles(server: Server, clientDir: string): void {
	const paths = staticPaths(clientDir);
	server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
		if (request.method !== 'GET' && request.method !== 'HEAD') return;
		const pathname = (request.url ?? '').split('?')[0] ?? '';
		if (paths.has(pathname)) response.setHeader('Cache-Control', widgetScripts.has(pathname) ? WIDGET_SCRIPT_CACHE : STATIC_CACHE);
	});
}
