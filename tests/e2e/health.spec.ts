import { expect, test } from '@playwright/test';
import type { Health } from '../../src/lib/server/db/health.ts';
import { signIn } from './sign-in.ts';

test('the health endpoint tells a stranger only that the portal is up', async ({ request }) => {
	const response = await request.get('/api/health');
	expect(response.status()).toBe(200);
	expect(response.headers()['cache-control']).toContain('no-store');
	expect(await response.json()).toEqual({ status: 'ok' });
});

test('an admin reads the database kind and migration level from it', async ({ page }) => {
	await signIn(page, 'admin@lobby.test');
	const health = (await (await page.request.get('/api/health')).json()) as Extract<Health, { status: 'ok' }>;
	// npm test runs the journeys on PostgreSQL behind a proxy (scripts/cluster.ts) where it can.
	expect(health).toMatchObject({ status: 'ok', database: process.env.E2E_CLUSTER ? 'postgresql' : 'pglite' });
	expect(health.migrations.applied).toBe(health.migrations.available);
});

test('pages forbid framing and sniffing and limit the referrer', async ({ request }) => {
	const response = await request.get('/login');
	expect(response.status()).toBe(200);
	const headers = response.headers();
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(headers['content-security-policy']).toContain("default-src 'self'");
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
	// Plain http://localhost: no HSTS, or the browser would refuse http here afterwards.
	expect(headers['strict-transport-security']).toBeUndefined();
});

test('static files, served before the hook, carry nosniff too', async ({ request }) => {
	const page = await (await request.get('/login')).text();
	const asset = page.match(/\/_app\/immutable\/[^"']+\.(?:css|js)/)?.[0];
	expect(asset).toBeTruthy();
	for (const path of [asset!, '/favicon.svg']) {
		const response = await request.get(path);
		expect(response.status(), path).toBe(200);
		expect(response.headers()['x-content-type-options'], path).toBe('nosniff');
	}
});

test('the build’s fingerprinted files are cached for a year, the static files for a week', async ({ request }) => {
	const page = await (await request.get('/login')).text();
	const asset = page.match(/\/_app\/immutable\/[^"']+\.(?:css|js)/)![0];
	expect((await request.get(asset)).headers()['cache-control']).toBe('public,max-age=31536000,immutable');
	expect((await request.get('/favicon.svg')).headers()['cache-control']).toBe('public, max-age=604800');
	// Pages are never cached as static files.
	expect((await request.get('/login')).headers()['cache-control'] ?? '').not.toContain('max-age=604800');
});

test('a visitor without a session is sent from the resident portal to the login page', async ({ page }) => {
	await page.goto('/app');
	await expect(page).toHaveURL(/\/login\?next=%2Fapp/);
});
