/**
 * The sign-in page, coming back afterwards to `next` (the page that needed an account). The login
 * action still passes `next` through the one redirect normaliser (kernel/same-site-path.ts), so
 * this only writes the link; it is shared by server redirects and links on pages.
 */
export function signInPath(next: string | URL): string {
	const path = typeof next === 'string' ? next : next.pathname + next.search;
	return `/login?next=${encodeURIComponent(path)}`;
}
