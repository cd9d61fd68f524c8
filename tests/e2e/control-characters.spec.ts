import { expect, test, type Page } from '@playwright/test';
import { signIn } from './sign-in.ts';

/** A form post as the browser's own page would send it (same origin), answered status. */
async function postForm(page: Page, path: string, form: Record<string, string>): Promise<number> {
	const origin = new URL(page.url()).origin;
	const response = await page.request.post(path, { form, headers: { origin }, maxRedirects: 0 });
	return response.status();
}

test('a NUL byte in the login form is no server error', async ({ page }) => {
	await page.goto('/login');
	expect(await postForm(page, '/login', { email: 'a\u0000b@example.test', password: 'pass\u0000word' })).toBe(400);
});

test('a NUL byte in a resident form is dropped and the rest is saved', async ({ page }) => {
	await signIn(page, 'resident032@example.test');
	const unit = await page.locator('a[href^="/app/units/"]').first().getAttribute('href');
	expect(unit).toMatch(/^\/app\/units\/[0-9a-f-]{36}$/);
	expect(await postForm(page, `${unit}?/addMember`, { name: 'Ah\u0000 Mei', relation: 'Daughter\u0000', phone: '' })).toBe(200);
	await page.goto(unit!);
	await expect(page.getByText('Ah Mei', { exact: true }).first()).toBeVisible();
});

test('a NUL byte in a staff form is dropped, and in a search it leads to the cleaned search', async ({ page }) => {
	await signIn(page, 'service@lobby.test');
	for (const path of ['/staff/registry/units', '/staff/fees']) {
		const response = await page.goto(`${path}?q=%00`);
		expect(response?.status(), path).toBe(200);
		expect(new URL(page.url()).search, path).toBe('?q=');
	}
	await page.goto('/staff/registry/units?q=resident033');
	await page.locator('tbody tr a[href^="/staff/registry/units/"]').first().click();
	await expect(page).toHaveURL(/\/staff\/registry\/units\/[0-9a-f-]{36}$/);
	const unit = new URL(page.url()).pathname;
	const occupancyId = await page.locator('select[name="occupancyId"]').first().inputValue();
	expect(await postForm(page, `${unit}?/member`, { name: 'Siu\u0000 Ming', relation: 'Son', phone: '', occupancyId })).toBe(200);
	await page.goto(unit);
	await expect(page.getByText('Siu Ming', { exact: true }).first()).toBeVisible();
});
