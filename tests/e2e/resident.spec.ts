import { expect, test } from '@playwright/test';
import { messages } from './messages.ts';
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

test("a second resident opening the first one's unit gets 404", { tag: '@phone' }, async ({ browser }) => {
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

test(
	"the unit page shows the household of one's own occupancy only: the owner of a let flat does not see the renter's",
	{ tag: '@phone' },
	async ({ browser }) => {
		const words = messages('resident');
		// Block B 8C is owned by resident003 and let to neighbour@lobby.test, whose sibling and parent are recorded there.
		const renter = await browser.newContext();
		const renterPage = await renter.newPage();
		await signIn(renterPage, 'neighbour@lobby.test');
		await renterPage.locator('a[href^="/app/units/"]', { hasText: '8C' }).first().click();
		await expect(renterPage.getByRole('heading', { level: 1 })).toContainText('8C');
		await expect(renterPage.getByText('Wong Siu Wah 黃小華').first()).toBeVisible();
		await expect(renterPage.getByText('Wong Kin Man 黃健文').first()).toBeVisible();
		const unitPath = new URL(renterPage.url()).pathname;
		await renter.close();

		const owner = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
		const ownerPage = await owner.newPage();
		await signIn(ownerPage, 'resident003@example.test');
		await ownerPage.screenshot({ path: 'test-results/landlord-home-phone.png', fullPage: true });
		const response = await ownerPage.goto(unitPath);
		expect(response?.status()).toBe(200);
		await expect(ownerPage.getByRole('heading', { name: words.resident_household_members })).toBeVisible();
		await expect(ownerPage.getByText('Wong Siu Wah 黃小華')).toHaveCount(0);
		await expect(ownerPage.getByText('Wong Kin Man 黃健文')).toHaveCount(0);
		await expect(ownerPage.getByText(words.resident_household_none!)).toBeVisible();
		await expect(ownerPage.getByText(words.resident_emergency_none!)).toBeVisible();
		const overflow = await ownerPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		await ownerPage.screenshot({ path: 'test-results/landlord-unit-phone.png', fullPage: true });
		await owner.close();
	}
);

test('the resident opens their own flat on a phone, with their household and contacts', { tag: '@phone' }, async ({ page }) => {
	await signIn(page, 'resident@lobby.test');
	await page.locator('a[href^="/app/units/"]', { hasText: '12A' }).first().click();
	await expect(page.getByText('Lee Mei Ling 李美玲').first()).toBeVisible();
	await expect(page.getByText('Chan Tai Wing 陳大榮').first()).toBeVisible();
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
	await page.screenshot({ path: 'test-results/resident-unit-phone.png', fullPage: true });
});
