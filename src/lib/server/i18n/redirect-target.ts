/**
 * Where to go after a form that came from another page: only a path on this site. "//host" and
 * "/\host" are protocol-relative URLs that browsers send elsewhere, so they fall back to "/".
 */
export function safeRedirectTarget(value: FormDataEntryValue | string | null | undefined): string {
	if (typeof value !== 'string' || value.length > 2000) return '/';
	if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
	if (/[\u0000-\u001f]/.test(value)) return '/';
	return value;
}
