import { expect, test } from '@playwright/test';
import { signIn } from './sign-in.ts';

test('a resident signs in on a phone and sees the flat they own', { tag: '@phone' }, async ({ page }) => {
	await signIn(page, 'resident@lobby.test');
	await expect(page).toHaveURL(/\/app\/?$/);
	await expect(page.getByText('12A').first()).toBeVisible();
	await expect(page.getByText('Lee Mei Ling 李美玲')).toBeVisible();
	// Nothing may stick out sideways on a 390 px screen.
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
	await page.screenshot({ path: 'test-results/resident-home-phone.png' });
	await page.screenshot({ path: 'test-results/resident-home-phone-full.png', fullPage: true });
});

test('a second resident opening the first one\'s unit gets 404', { tag: '@phone' }, async ({ browser }) => {
	const owner = await browser.newContext();
	const ownerPage = await owner.newPage();
	await signIn(ownerPage, 'resident@lobby.test');
	const href = await ownerPage.locator('a[href^="/app/units/"]', { hasText: '12A' }).first().getAttribute('href');
	expect(href).toMatch(/^\/app\/units\/[0-9a-f-]{36}$/);
	const ownView = await ownerPage.goto(href as string);
	expect(ownView?.status()).toBe(200);
	await owner.close();

	const neighbour = await browser.newContext();
	const neighbourPage = await neighbour.newPage();
	await signIn(neighbourPage, 'neighbour@lobby.test');
	const response = await neighbourPage.goto(href as string);
	expect(response?.status()).toBe(404);
	await neighbour.close();
});
