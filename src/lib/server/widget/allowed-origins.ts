/**
 * The host sites an estate lets frame its widget, as staff type them: one address per line, each
 * an http(s) site with nothing after the host but "/" (https://www.example.com), kept as its
 * origin. Blank lines are skipped and repeats folded; a line that names no site is refused at the
 * field with the line itself, so the person sees which one to fix.
 */
import { m } from '#lib/paraglide/messages.js';
import { InputError } from '../kernel/input-error.ts';

/** At most this many host sites per estate (each is one frame-ancestors source). */
export const MAX_ALLOWED_ORIGINS = 10;

/** The origin a line names, or null when it is not an http(s) site without path, query or fragment. */
export function siteOrigin(line: string): string | null {
	let url: URL;
	try {
		url = new URL(line);
	} catch {
		return null;
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
	if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null;
	// "https://example.com/?" and "…#" parse to an empty search and hash: refuse what was typed too.
	if (/[?#]/.test(line)) return null;
	return url.origin;
}

/** The origins of the lines typed, in their order, without repeats; InputError('allowedOrigins') otherwise. */
export function parseAllowedOrigins(text: string): string[] {
	const origins = new Set<string>();
	const lines = text.split(/\r\n|\r|\n/);
	for (const [index, raw] of lines.entries()) {
		const line = raw.trim();
		if (line === '') continue;
		const origin = siteOrigin(line);
		if (!origin) throw new InputError('allowedOrigins', m.widget_admin_origin_invalid({ line: index + 1, text: line.slice(0, 80) }));
		origins.add(origin);
	}
	if (origins.size > MAX_ALLOWED_ORIGINS) {
		throw new InputError('allowedOrigins', m.widget_admin_origins_too_many({ max: MAX_ALLOWED_ORIGINS }));
	}
	return [...origins];
}
