import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/lib/server/seed/demo-data.ts';
import { hostileTargets } from '../hostile-targets.ts';
import { stripControlCharacters } from '../../src/lib/server/forms/control-characters.ts';

// Every target goes through the one normaliser (kernel/same-site-path.ts): whatever comes in,
// the server answers without a 500 and never sends the browser to another site.
const sameSite = (location: string | undefined, origin: string) => {
	expect(location).toBeDefined();
	expect(new URL(location!, origin).origin).toBe(origin);
	expect(location).toMatch(/^\/(?![/\\])/);
};

test('hostile targets on /login and the language switch answer neither 500 nor an off-site Location', async ({ playwright, baseURL }) => {
	test.setTimeout(120_000);
	const origin = new URL(baseURL!).origin;
	// An account no other journey signs in with, so its sessions disturb nobody.
	const request = await playwright.request.newContext({ baseURL: origin, extraHTTPHeaders: { origin, accept: 'text/html' } });
	// A search parameter with control characters is first sent to the same page without them
	// (the request guard's rule): follow that one step, then judge the answer.
	const get = async (path: string) => {
		const first = await request.get(path, { maxRedirects: 0 });
		const location = first.headers().location ?? '';
		return first.status() === 303 && location.startsWith('/login?') ? request.get(location, { maxRedirects: 0 }) : first;
	};
	for (const target of hostileTargets) {
		const next = `/login?next=${encodeURIComponent(target)}`;
		// Control characters leave every form field before any action reads it, so '/\0x' arrives
		// as '/x': a path of this site, where the redirect may go. Anything else goes home.
		const cleaned = stripControlCharacters(target);
		const home = (location: string | undefined) =>
			expect([target, location]).toEqual([target, cleaned !== target && /^\/[a-z]+$/.test(cleaned) ? cleaned : '/']);
		const anonymous = await get(next);
		expect([target, anonymous.status()]).toEqual([target, 200]);

		const switched = await request.post('/locale?/set', { form: { locale: 'en', redirectTo: target }, maxRedirects: 0 });
		expect([target, switched.status()]).toEqual([target, 303]);
		home(switched.headers().location);

		// A browser posts the sign-in form to the page it is on: the cleaned address.
		const signedIn = await request.post(`/login?next=${encodeURIComponent(cleaned)}`, {
			form: { email: 'resident012@example.test', password: DEMO_PASSWORD },
			maxRedirects: 0
		});
		expect([target, signedIn.status()]).toEqual([target, 303]);
		sameSite(signedIn.headers().location, origin);
		home(signedIn.headers().location);

		// Already signed in, the login page sends the visitor on: home, not to the target.
		const again = await get(next);
		expect([target, again.status()]).toEqual([target, 303]);
		home(again.headers().location);
		await request.post('/logout', { form: {}, maxRedirects: 0 });
	}
	await request.dispose();
});
