import { expect, test } from '@playwright/test';

test('the health endpoint reports the embedded database, migrated and ok', async ({ request }) => {
	const response = await request.get('/api/health');
	expect(response.status()).toBe(200);
	expect(response.headers()['cache-control']).toContain('no-store');
	const health = await response.json();
	expect(health).toMatchObject({ status: 'ok', database: 'pglite' });
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
});

test('a visitor without a session is sent from the resident portal to the login page', async ({ page }) => {
	await page.goto('/app');
	await expect(page).toHaveURL(/\/login\?next=%2Fapp/);
});
