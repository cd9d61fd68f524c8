import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/lib/server/seed/demo-data.ts';
import { hostileTargets } from '../hostile-targets.ts';

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
	for (const target of hostileTargets) {
		const next = `/login?next=${encodeURIComponent(target)}`;
		const anonymous = await request.get(next, { maxRedirects: 0 });
		expect([target, anonymous.status()]).toEqual([target, 200]);

		const switched = await request.post('/locale?/set', { form: { locale: 'en', redirectTo: target }, maxRedirects: 0 });
		expect([target, switched.status()]).toEqual([target, 303]);
		expect([target, switched.headers().location]).toEqual([target, '/']);

		const signedIn = await request.post(next, { form: { email: 'resident012@example.test', password: DEMO_PASSWORD }, maxRedirects: 0 });
		expect([target, signedIn.status()]).toEqual([target, 303]);
		sameSite(signedIn.headers().location, origin);
		expect([target, signedIn.headers().location]).toEqual([target, '/']);

		// Already signed in, the login page sends the visitor on: home, not to the target.
		const again = await request.get(next, { maxRedirects: 0 });
		expect([target, again.status()]).toEqual([target, 303]);
		expect([target, again.headers().location]).toEqual([target, '/']);
		await request.post('/logout', { form: {}, maxRedirects: 0 });
	}
	await request.dispose();
});
