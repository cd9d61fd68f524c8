import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { fill, messages } from './messages.ts';
import { signIn } from './sign-in.ts';

const words = messages('companypay');
const bills = messages('bills');
const shots = process.env.SHOTS_DIR ?? 'test-results';

/** '¥1,234.50' → 123450 (minor units). */
const minorOf = (text: string) => Math.round(Number(text.replace(/[^0-9.]/g, '') || '0') * 100);

/**
 * Acme Trading (admin@acme.test) rents every office on three floors of Central Plaza Tower 1
 * (src/lib/server/seed/demo-plan.ts); each has open bills. Its admin sees one total for the
 * company, keeps the bills of three units and pays them in one sandbox checkout; one receipt
 * lists the three.
 */
test('Acme’s admin pays three units’ bills in one sandbox checkout and gets one receipt for them', { tag: '@phone' }, async ({ page }) => {
	test.setTimeout(90_000);
	fs.mkdirSync(shots, { recursive: true });
	await signIn(page, 'admin@acme.test');
	await page.goto('/app/company');
	await expect(page).toHaveURL(/\/app\/company\/[0-9a-f-]{36}$/);
	await page.getByRole('link', { name: words.companypay_link }).click();
	await expect(page).toHaveURL(/\/app\/company\/[0-9a-f-]{36}\/bills$/);
	await expect(page.getByRole('heading', { name: words.companypay_title, level: 1 })).toBeVisible();
	const totalCard = page.locator('section.total');
	await expect(totalCard.locator('.big')).toHaveText(/\d/);
	await page.screenshot({ path: `${shots}/company-total-phone.png` });
	await page.screenshot({ path: `${shots}/company-total-phone-full.png`, fullPage: true });

	// Every bill starts ticked: keep the bills of the first three units only.
	const units = page.locator('fieldset.unit');
	expect(await units.count()).toBeGreaterThanOrEqual(3);
	await page.getByRole('button', { name: words.companypay_pick_none }).click();
	await expect(page.locator('fieldset.unit input[type=checkbox]:checked')).toHaveCount(0);
	let chosenMinor = 0;
	let chosenBills = 0;
	const chosenUnits: string[] = [];
	for (let i = 0; i < 3; i++) {
		const unit = units.nth(i);
		chosenUnits.push((await unit.locator('legend span').first().innerText()).trim());
		const boxes = unit.locator('input[type=checkbox]:not([disabled])');
		for (let k = 0; k < (await boxes.count()); k++) {
			await boxes.nth(k).check();
			chosenMinor += minorOf(await unit.locator('li.bill').nth(k).locator('.amount').innerText());
			chosenBills += 1;
		}
	}
	const payButton = page.getByRole('button', { name: /\(/ });
	await expect(payButton).toContainText(fill(words.companypay_pay_button!, { amount: '', bills: chosenBills, units: 3 }).split('(')[1]!);
	await page.screenshot({ path: `${shots}/company-total-picked-phone.png`, fullPage: true });
	await payButton.click();

	// One sandbox checkout for the three units' bills, for their total.
	await expect(page).toHaveURL(/\/pay\/sandbox\/sbx_[0-9a-f]{32}$/);
	const total = (await page.locator('dd.amount').innerText()).trim();
	expect(minorOf(total)).toBe(chosenMinor);
	await page.getByRole('button', { name: fill(bills.bills_pay_button!, { amount: total }) }).click();

	// Back on the portal: paid, every bill listed with its unit, one receipt.
	await expect(page).toHaveURL(/\/app\/payments\/[0-9a-f-]{36}\?result=success$/);
	await expect(page.getByRole('heading', { name: bills.bills_payment_succeeded_title })).toBeVisible();
	await expect(page.locator('.rows li')).toHaveCount(chosenBills);
	for (const unit of chosenUnits) await expect(page.locator('.rows').getByText(unit).first()).toBeVisible();
	await page.screenshot({ path: `${shots}/company-paid-phone.png`, fullPage: true });
	const receipt = page.getByRole('link', {
		name: new RegExp(fill(bills.bills_receipt_link!, { number: 'R-\\d+' }).replace(/[()]/g, '\\$&'))
	});
	await expect(receipt).toHaveCount(1);
	const pdf = await page.request.get((await receipt.getAttribute('href'))!);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	fs.writeFileSync(`${shots}/company-receipt.pdf`, await pdf.body());

	// The company total no longer lists those units' bills.
	await page.getByRole('link', { name: words.companypay_back }).click();
	await expect(page.getByRole('heading', { name: words.companypay_title, level: 1 })).toBeVisible();
	for (const unit of chosenUnits)
		await expect(page.locator('fieldset.unit legend').filter({ hasText: new RegExp(`^${unit}`) })).toHaveCount(0);
});

/**
 * Chan's electricity meter was replaced in the middle of the last period (src/lib/server/seed/demo-fees.ts):
 * finance opens that bill from his unit account and sees both meters' readings, and who took his
 * deposit at the counter; the readings page offers the form for the next meter change.
 */
test('finance opens a bill from the unit account: readings across a replaced meter, who took the money', async ({ page }) => {
	const staff = messages('fees-staff');
	await signIn(page, 'finance@lobby.test');
	await page.goto('/staff/fees?q=12A&state=all');
	await page.getByRole('link', { name: /12A/ }).first().click();
	await expect(page).toHaveURL(/\/staff\/fees\/units\/[0-9a-f-]{36}$/);
	await expect(page.getByText(fill(words.billview_taken_by!, { name: '' }).trim()).first()).toBeVisible();
	await page.screenshot({ path: `${shots}/unit-account-desktop.png`, fullPage: true });
	// The bill of the period with the replaced meter (other journeys may have paid it: the account
	// links every bill, open or paid).
	const billLinks = [
		...new Set(
			await page.locator('main a[href^="/staff/fees/bills/"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname))
		)
	];
	expect(billLinks.length).toBeGreaterThan(0);
	let found = false;
	for (const link of billLinks.reverse()) {
		await page.goto(link);
		if ((await page.getByText(/Meter replaced/).count()) > 0) {
			found = true;
			break;
		}
	}
	expect(found, 'a bill of the unit shows the replaced meter').toBe(true);
	await expect(page.getByText(/Meter replaced/).first()).toBeVisible();
	await expect(page.getByText(/Readings: /).first()).toBeVisible();
	await page.screenshot({ path: `${shots}/staff-bill-desktop.png`, fullPage: true });
	await page.goto('/staff/fees/readings');
	await expect(page.getByRole('heading', { name: words.meters_change_title })).toBeVisible();
	await expect(page.getByRole('heading', { name: staff.feesstaff_readings_title, level: 1 })).toBeVisible();
	await page.screenshot({ path: `${shots}/readings-desktop.png`, fullPage: true });
});
