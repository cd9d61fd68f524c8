/**
 * Where to go after signing in: only a path on this site. "//evil.example" and "/\evil.example"
 * are read by browsers as other hosts, so they are refused with everything not starting "/".
 */
export function safeNextPath(next: string | null | undefined): string | null {
	if (!next || next.length > 2000) return null;
	if (!next.startsWith('/') || next.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(next)) return null;
	const base = 'http://same-site.invalid';
	const url = new URL(next, base);
	if (url.origin !== base) return null;
	if (url.pathname === '/logout' || url.pathname === '/login') return null;
	return url.pathname + url.search + url.hash;
}
