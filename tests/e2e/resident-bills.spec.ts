import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { fill, messages } from './messages.ts';
import { signIn } from './sign-in.ts';

const words = messages('bills');
const staffWords = messages('fees-staff');
const financeWords = messages('finance');

/** '¥1,234.50' → 123450 (minor units), '' → 0. */
const minorOf = (text: string) => Math.round(Number(text.replace(/[^0-9.]/g, '') || '0') * 100);

/** The "Collected" figure of the finance report (default range: the last six months, all estates). */
async function collected(finance: Page): Promise<number> {
	await finance.goto('/staff/reports/finance');
	const card = finance.locator('li.card').filter({ hasText: financeWords.finance_collected! });
	return minorOf(await card.locator('.big').innerText());
}

/**
 * The demo resident (Chan Tai Man, HVG Block A 12A) has three open monthly bills and a deposit
 * held (src/lib/server/seed/demo-fees.ts). He pays two of them through the sandbox provider.
 */
test(
	'a resident pays two bills through the sandbox and opens the receipt; finance takes the third at the counter; balance and report agree',
	{ tag: '@phone' },
	async ({ page, browser }) => {
		test.setTimeout(90_000);
		// Finance works on a phone too, in a session of its own.
		const financeContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
		const finance = await financeContext.newPage();
		await signIn(finance, 'finance@lobby.test');
		const collectedBefore = await collected(finance);

		await signIn(page, 'resident@lobby.test');
		await page.getByRole('link', { name: words.bills_nav, exact: true }).click();
		await expect(page).toHaveURL(/\/app\/bills$/);
		await expect(page.getByRole('heading', { name: words.bills_title, level: 1 })).toBeVisible();
		await expect(page.getByText(words.bills_amount_due!)).toBeVisible();
		await expect(page.getByRole('heading', { name: words.bills_deposits_title })).toBeVisible();

		// Every open bill starts ticked; keep the first two.
		const boxes = page.getByRole('group', { name: words.bills_open_title }).getByRole('checkbox');
		const count = await boxes.count();
		expect(count).toBe(3);
		for (let i = 0; i < count; i++) await expect(boxes.nth(i)).toBeChecked();
		for (let i = 2; i < count; i++) await boxes.nth(i).uncheck();
		const rows = page.locator('li.bill');
		const amountOf = async (i: number) => (await rows.nth(i).locator('.amount').innerText()).trim();
		const chosen = [await amountOf(0), await amountOf(1)];
		const third = { amount: await amountOf(2), reference: (await rows.nth(2).innerText()).match(/B\d{6}/)![0] };

		const payButton = page.getByRole('button', { name: new RegExp(`^${fill(words.bills_pay_button!, { amount: '' }).trim()}`) });
		await payButton.click();

		// The sandbox's hosted page says clearly that it is a test.
		await expect(page).toHaveURL(/\/pay\/sandbox\/sbx_[0-9a-f]{32}$/);
		await expect(page.getByText(words.bills_sandbox_banner!)).toBeVisible();
		await page.screenshot({ path: 'test-results/resident-bills-sandbox-phone.png', fullPage: true });
		const total = (await page.locator('dd.amount').innerText()).trim();
		const toNumber = (text: string) => Number(text.replace(/[^0-9.]/g, ''));
		expect(toNumber(total)).toBeCloseTo(toNumber(chosen[0]!) + toNumber(chosen[1]!), 2);
		await page.getByRole('button', { name: fill(words.bills_pay_button!, { amount: total }) }).click();

		// Back on the resident portal: the payment succeeded and lists the two bills.
		await expect(page).toHaveURL(/\/app\/payments\/[0-9a-f-]{36}\?result=success$/);
		await expect(page.getByRole('heading', { name: words.bills_payment_succeeded_title })).toBeVisible();
		await expect(page.getByRole('heading', { name: words.bills_payment_bills })).toBeVisible();
		await expect(page.locator('.rows li')).toHaveCount(2);
		await page.screenshot({ path: 'test-results/resident-bills-paid-phone.png', fullPage: true });

		const receipt = page.getByRole('link', {
			name: new RegExp(fill(words.bills_receipt_link!, { number: 'R-\\d+' }).replace(/[()]/g, '\\$&'))
		});
		const href = await receipt.getAttribute('href');
		expect(href).toMatch(/^\/files\/receipt\/[0-9a-f-]{36}$/);
		const pdf = await page.request.get(href!);
		expect(pdf.status()).toBe(200);
		expect(pdf.headers()['content-type']).toBe('application/pdf');
		expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
		// Kept for a look (pdftoppm -png test-results/receipt-phone.pdf …); test-results/ stays out of git.
		fs.writeFileSync('test-results/receipt-phone.pdf', await pdf.body());

		// The bills page now lists one open bill fewer… and the two paid ones with their receipts.
		await page.getByRole('link', { name: words.bills_back }).click();
		await expect(page.getByRole('group', { name: words.bills_open_title }).getByRole('checkbox')).toHaveCount(count - 2);
		await expect(page.locator('.paid')).toHaveCount(3);

		// Finance finds Chan's flat and records the third bill paid in cash at the counter.
		await finance.goto('/staff/fees?q=12A');
		await finance.getByRole('row').filter({ hasText: third.reference }).getByRole('link', { name: /12A/ }).click();
		await expect(finance).toHaveURL(/\/staff\/fees\/units\/[0-9a-f-]{36}$/);
		await finance.getByLabel(staffWords.feesstaff_amount!).fill(String(minorOf(third.amount) / 100));
		await finance.getByLabel(staffWords.feesstaff_method_cash!).check();
		await finance.getByLabel(staffWords.feesstaff_receipt_no!).fill('E2E-0001');
		await finance.getByRole('checkbox', { name: new RegExp(third.reference) }).check();
		await finance.getByRole('button', { name: staffWords.feesstaff_record_payment }).click();
		await expect(finance.getByText(fill(staffWords.feesstaff_payment_recorded!, { amount: third.amount }))).toBeVisible();
		await finance.screenshot({ path: 'test-results/finance-counter-phone.png', fullPage: true });
		const staffBalance = (
			await finance.locator('.card').filter({ hasText: staffWords.feesstaff_balance! }).first().locator('dd').first().innerText()
		).trim();

		// The resident's page now shows nothing open, and the same balance as the finance desk.
		await page.reload();
		await expect(page.getByRole('group', { name: words.bills_open_title })).toHaveCount(0);
		const residentBalance = (await page.locator('.balance-line').first().innerText()).trim();
		expect(minorOf(residentBalance)).toBe(minorOf(staffBalance));
		expect(minorOf(residentBalance)).toBe(0);
		await page.screenshot({ path: 'test-results/resident-bills-settled-phone.png', fullPage: true });

		// The finance report counts the three bills (two online, one at the counter). Other journeys
		// pay in the demo estates at the same moments, so the report grows by at least these three;
		// that it adds up to the cent is reports/finance.db.test.ts's.
		const paidMinor = minorOf(chosen[0]!) + minorOf(chosen[1]!) + minorOf(third.amount);
		expect(await collected(finance)).toBeGreaterThanOrEqual(collectedBefore + paidMinor);
		await finance.screenshot({ path: 'test-results/finance-report-phone.png', fullPage: true });
		await financeContext.close();
	}
);

/**
 * Bills go to whoever the fee item bills: Block B 8C is owned by resident003@ and let to
 * neighbour@ (src/lib/server/seed/demo-plan.ts). The owner sees the management fee, the renter the
 * water and electricity — never each other's.
 */
test("the owner of a let flat sees the owner's bills and its renter the renter's", { tag: '@phone' }, async ({ page, browser }) => {
	const firstBillLines = async (who: Page) => {
		await who.locator('a[href^="/app/bills/"]').first().click();
		await expect(who).toHaveURL(/\/app\/bills\/[0-9a-f-]{36}$/);
		const text = await who.locator('main').innerText();
		await who.goBack();
		return text;
	};

	await signIn(page, 'resident003@example.test');
	await page.goto('/app/bills');
	await expect(page.getByText(words.bills_as_owner!)).toBeVisible();
	await expect(page.getByText(words.bills_as_renter!)).toHaveCount(0);
	await page.screenshot({ path: 'test-results/bills-let-flat-owner-phone.png', fullPage: true });
	const ownerBill = await firstBillLines(page);
	expect(ownerBill).toContain('Management fee');
	expect(ownerBill).not.toMatch(/\bWater\b|\bElectricity\b/);

	const renterContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	const renter = await renterContext.newPage();
	await signIn(renter, 'neighbour@lobby.test');
	await renter.goto('/app/bills');
	await expect(renter.getByText(words.bills_as_renter!)).toBeVisible();
	await expect(renter.getByText(words.bills_as_owner!)).toHaveCount(0);
	await renter.screenshot({ path: 'test-results/bills-let-flat-renter-phone.png', fullPage: true });
	const renterBill = await firstBillLines(renter);
	expect(renterBill).toMatch(/Water|Electricity/);
	expect(renterBill).not.toContain('Management fee');
	await renterContext.close();
});
