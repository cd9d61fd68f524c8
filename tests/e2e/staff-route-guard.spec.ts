import { expect, test } from '@playwright/test';
import { messages } from './messages.ts';
import { signIn } from './sign-in.ts';

const common = messages('common');

test('a resident who opens a back-office page gets 403 from the hook, with the security headers', async ({ page, baseURL }) => {
	await signIn(page, 'resident@lobby.test');
	const response = await page.goto('/staff/repairs');
	expect(response?.status()).toBe(403);
	await expect(page.getByRole('heading', { level: 1, name: common.error_title_forbidden })).toBeVisible();
	const headers = response!.headers();
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['x-frame-options']).toBe('DENY');
	expect(headers['cache-control']).toBe('private, no-store');

	// A form action too, posted the way a browser without JavaScript sends it.
	const post = await page.request.post('/staff/repairs/new', { headers: { Origin: baseURL as string }, form: { description: 'x' } });
	expect(post.status()).toBe(403);
	// Signed out, the back office still sends people to the login.
	await page.context().clearCookies();
	await page.goto('/staff/repairs');
	await expect(page).toHaveURL(/\/login\?next=%2Fstaff%2Frepairs$/);
});

test('staff without the area permission get 403 for the page, its data (a hovered link) and its export', async ({ page }) => {
	await signIn(page, 'finance@lobby.test');
	expect((await page.goto('/staff/repairs'))?.status()).toBe(403);
	const data = await page.request.get('/staff/repairs/__data.json');
	expect(data.status()).toBe(403);
	expect(await data.json()).toEqual({ message: 'Forbidden' });
	expect((await page.request.get('/staff/reports/repairs/export?format=csv')).status()).toBe(403);
	// …while their own areas open as before.
	expect((await page.goto('/staff/fees'))?.status()).toBe(200);
	expect((await page.goto('/staff/reports/finance'))?.status()).toBe(200);
});
