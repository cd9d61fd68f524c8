import fs from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { fill, messages } from './messages.ts';
import { signIn } from './sign-in.ts';

const words = messages('corrections');
const billWords = messages('bills');
const common = messages('common');
const feesWords = messages('fees-staff');
const shots = process.env.SHOTS_DIR ?? 'test-results';

/** An owner-occupier of Harbour View no other journey touches: one open monthly bill, older ones paid (demo-plan.ts). */
const RESIDENT = 'resident027@example.test';

async function staffPage(browser: Browser, email: string): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	await signIn(page, email);
	return page;
}

/** Finance sets the bill-correction approval limit (finance settings). */
async function setApprovalLimit(finance: Page, amount: string) {
	// The form hydrates after it is drawn: typing before that would be drawn over.
	await finance.goto('/staff/admin/fees#settings', { waitUntil: 'networkidle' });
	const limit = finance.getByLabel(words.corrections_threshold!);
	await limit.fill(amount);
	await expect(limit).toHaveValue(amount);
	await finance.locator('#settings').getByRole('button', { name: common.form_save }).click();
	await expect(finance.getByText(feesWords.feesstaff_settings_saved!)).toBeVisible();
}

/** A correction waiting for approval: the manager who did not ask approves it. */
async function approve(manager: Page, correctionUrl: string) {
	await manager.goto(correctionUrl);
	await expect(manager.getByText(words.corrections_state_requested!).first()).toBeVisible();
	await manager.getByLabel(words.corrections_decision_note!).fill('Checked against the meter photos.');
	await manager.getByRole('button', { name: words.corrections_approve }).click();
	await expect(manager.getByText(words.corrections_done_approve!)).toBeVisible();
}

test(
	'finance credits and voids a wrong bill with a manager’s approval and reissues it; the resident sees the credit note and why on a phone',
	{ tag: '@phone' },
	async ({ page, browser }) => {
		test.setTimeout(120_000);
		fs.mkdirSync(shots, { recursive: true });

		// The resident's open bill: its address names it.
		await signIn(page, RESIDENT);
		await page.goto('/app/bills');
		await page.locator('a[href^="/app/bills/"]').first().click();
		await expect(page).toHaveURL(/\/app\/bills\/[0-9a-f-]{36}$/);
		const billId = page.url().split('/').pop()!;

		const finance = await staffPage(browser, 'finance@lobby.test');
		const manager = await staffPage(browser, 'manager@lobby.test');
		// Every correction above 5.00 waits for a manager in this journey.
		await setApprovalLimit(finance, '5.00');
		try {
			// 1. A credit note of 12.50: the lift was out of service.
			await finance.goto(`/staff/fees/corrections/new?bill=${billId}`);
			await finance.getByRole('radio', { name: new RegExp(words.corrections_kind_credit_note!) }).check();
			await finance.getByLabel(words.corrections_amount!, { exact: true }).fill('12.50');
			await finance
				.getByLabel(words.corrections_reason!, { exact: true })
				.fill('Lift out of service 3–5 November: 12.50 off the management fee.');
			await finance.getByRole('button', { name: words.corrections_submit }).click();
			await expect(finance).toHaveURL(/\/staff\/fees\/corrections\/[0-9a-f-]{36}\?created=1$/);
			await expect(finance.getByText(words.corrections_created_waiting!)).toBeVisible();
			// Four eyes: whoever asked is offered no approval.
			await expect(finance.getByRole('button', { name: words.corrections_approve })).toHaveCount(0);
			const creditUrl = finance.url().split('?')[0]!;
			await approve(manager, creditUrl);

			// 2. The bill itself was wrong: void it (approved), then issue it corrected.
			await finance.goto(`/staff/fees/corrections/new?bill=${billId}`);
			await finance.getByRole('radio', { name: new RegExp(words.corrections_kind_void!) }).check();
			await finance.getByLabel(words.corrections_reason!, { exact: true }).fill('Water charged on a misread meter: a digit too many.');
			await finance.getByRole('button', { name: words.corrections_submit }).click();
			await expect(finance.getByText(words.corrections_created_waiting!)).toBeVisible();
			const voidUrl = finance.url().split('?')[0]!;
			await approve(manager, voidUrl);
			await finance.goto(voidUrl);
			await expect(finance.getByRole('heading', { name: words.corrections_reissue_title })).toBeVisible();
			// The water line as it should have read: a tenth of the quantity billed.
			const water = finance.getByRole('group', { name: /Water/ }).getByLabel(words.corrections_quantity!, { exact: true });
			await water.fill((Number(await water.inputValue()) / 10).toFixed(2));
			await finance.getByRole('button', { name: words.corrections_reissue_submit }).click();
			await expect(finance.getByText(words.corrections_done_reissue!)).toBeVisible();
			await finance.locator('main a[href^="/staff/fees/units/"]').first().click();
			await expect(finance).toHaveURL(/\/staff\/fees\/units\/[0-9a-f-]{36}$/);
			const corrections = finance.getByRole('region', { name: words.corrections_unit_title });
			await expect(corrections.getByText(words.corrections_kind_void!, { exact: true })).toBeVisible();
			await expect(corrections.getByText(words.corrections_kind_credit_note!, { exact: true })).toBeVisible();
			await expect(finance.getByText(words.corrections_entry_reversal!).first()).toBeVisible();
			await finance.screenshot({ path: `${shots}/fee-corrections-unit-account-1280.png`, fullPage: true });
		} finally {
			await setApprovalLimit(finance, '1000.00');
		}

		// The resident, on a phone: the changes to the bills, the credit note and why the bill was cancelled.
		await page.goto('/app/bills');
		const changes = page.getByRole('heading', { name: words.corrections_resident_title });
		await expect(changes).toBeVisible();
		const creditNote = page.getByRole('link', {
			name: new RegExp(fill(words.corrections_credit_note_pdf!, { number: 'CN\\d{6}' }).replace(/[()]/g, '\\$&'))
		});
		await expect(creditNote).toBeVisible();
		await expect(page.getByText(/Lift out of service 3–5 November/)).toBeVisible();
		await expect(page.getByText(/Water charged on a misread meter/)).toBeVisible();
		await changes.scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${shots}/fee-corrections-resident-bills-phone.png`, fullPage: true });
		const pdf = await page.request.get((await creditNote.getAttribute('href'))!);
		expect(pdf.status()).toBe(200);
		expect(pdf.headers()['content-type']).toBe('application/pdf');
		expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
		fs.writeFileSync(`${shots}/fee-corrections-credit-note.pdf`, await pdf.body());

		// The cancelled bill says so, and why; the corrected bill replaces it.
		await page.goto(`/app/bills/${billId}`);
		await expect(page.getByText(billWords.bills_state_void!, { exact: true })).toBeVisible();
		await expect(
			page.getByText(fill(words.corrections_resident_void_banner!, { reason: 'Water charged on a misread meter: a digit too many.' }))
		).toBeVisible();
		await page.screenshot({ path: `${shots}/fee-corrections-void-bill-phone.png`, fullPage: true });
		await page.getByRole('link', { name: new RegExp(fill(words.corrections_resident_replaced_by!, { bill: 'B\\d{6}' })) }).click();
		await expect(page).toHaveURL(/\/app\/bills\/[0-9a-f-]{36}$/);
		await expect(page.getByText(billWords.bills_state_open!, { exact: true })).toBeVisible();

		await finance.context().close();
		await manager.context().close();
	}
);
