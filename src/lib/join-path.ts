/**
 * The join page with an invitation code filled in: the link in invitation mail, and the way back
 * to it after signing in first.
 */
export function joinPath(code: string): string {
	return `/join?code=${encodeURIComponent(code)}`;
}
