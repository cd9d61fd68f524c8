import { expect, test, type Page } from '@playwright/test';
import { fill, messages } from './messages.ts';
import { signIn } from './sign-in.ts';

const t = messages('print');
const shots = process.env.SHOTS_DIR ?? 'test-results';

/** The link's target, fetched with the page's session: a PDF. */
async function expectPdf(page: Page, href: string) {
	const response = await page.request.get(href);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('application/pdf');
	expect((await response.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
}

test('the staff repair page offers its work order as a PDF to print', async ({ page }) => {
	await signIn(page, 'service@lobby.test');
	await page.goto('/staff/repairs');
	await page
		.getByRole('link', { name: /^R\d{6}$/ })
		.first()
		.click();
	const link = page.getByRole('link', { name: t.print_work_order_link });
	await expect(link).toHaveAttribute('href', /^\/staff\/repairs\/[0-9a-f-]{36}\/sheet$/);
	await page.screenshot({ path: `${shots}/print-repair-page-desktop.png` });
	await expectPdf(page, (await link.getAttribute('href'))!);

	await page.setViewportSize({ width: 390, height: 844 });
	await expect(link).toBeVisible();
	await page.screenshot({ path: `${shots}/print-repair-page-phone.png` });
});

test('finance prints a counter payment’s receipt from the unit account', async ({ page }) => {
	await signIn(page, 'finance@lobby.test');
	await page.goto('/staff/fees');
	await page.locator('a[href^="/staff/fees/units/"]').first().click();
	const receipt = page.getByRole('link', { name: new RegExp(`^${fill(t.print_receipt_link!, { number: 'R-\\d{6}' })}$`) }).first();
	await expect(receipt).toHaveAttribute('href', /^\/files\/receipt\/[0-9a-f-]{36}$/);
	await receipt.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${shots}/print-unit-account-desktop.png` });
	await expectPdf(page, (await receipt.getAttribute('href'))!);
});
