import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { fill, messages } from './messages.ts';
import { signIn } from './sign-in.ts';
import { linkInOutbox } from './outbox.ts';

// A resident complains on a phone; the desk takes it up (首問) with a promised reply and passes
// it to security with a deadline; security records and signs the result; the resident answers the
// satisfaction link from the email; the desk sees the answer and prints the record.
const words = messages('complaints');
const shots = process.env.SHOTS_DIR;

async function shot(page: Page, name: string) {
	if (!shots) return;
	fs.mkdirSync(shots, { recursive: true });
	await page.screenshot({ path: `${shots}/complaints-${name}.png`, fullPage: true });
}

async function noSidewaysScroll(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

test('a complaint goes from the portal to the department and back to a satisfied complainant @phone', async ({ page, browser }) => {
	test.setTimeout(120_000);
	await signIn(page, 'resident@lobby.test');
	await page.goto('/app/complaints');
	await page.getByRole('link', { name: words.complaints_ui_file! }).click();
	await page.getByLabel(words.complaints_ui_about!).selectOption({ label: 'Security and order' });
	await page.getByLabel(words.complaints_ui_content!).fill('The car park barrier was left open all night on Tuesday.');
	await noSidewaysScroll(page);
	await shot(page, 'file-phone');
	await page.getByRole('button', { name: words.complaints_ui_file_submit! }).click();
	const filed = page.getByRole('status');
	await expect(filed).toContainText(/C\d{6}/);
	const reference = (await filed.textContent())!.match(/C\d{6}/)![0];
	await shot(page, 'filed-phone');

	// The desk finds it by its reference in the header search and takes it up.
	const desk = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
	await signIn(desk, 'service@lobby.test');
	await desk.goto('/staff/complaints');
	await expect(desk.getByRole('heading', { name: words.complaints_ui_nav!, level: 1 })).toBeVisible();
	await shot(desk, 'board-desktop');
	await desk.goto(`/staff/complaints?q=${reference}`);
	await desk.getByRole('link', { name: new RegExp(reference) }).click();
	await desk.getByRole('button', { name: words.complaints_action_claim! }).click();
	await expect(desk.getByRole('status')).toHaveText(words.complaints_ui_done!);
	await desk
		.getByLabel(words.complaints_field_department!, { exact: true })
		.selectOption({ label: messages('complaints').complaints_department_security! });
	await desk.getByRole('button', { name: words.complaints_action_assign! }).click();
	await expect(desk.getByRole('status')).toHaveText(words.complaints_ui_done!);
	const complaintUrl = desk.url().split('?')[0]!;
	await shot(desk, 'case-desktop');

	// Security (the department) records the result and signs it.
	const guard = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
	await signIn(guard, 'security@lobby.test');
	await guard.goto(complaintUrl);
	await guard
		.getByRole('textbox', { name: words.complaints_ui_result! })
		.fill('The barrier motor was replaced; guards now check it at every round.');
	await noSidewaysScroll(guard);
	await shot(guard, 'resolve-phone');
	await guard.getByRole('button', { name: words.complaints_action_resolve! }).click();
	await expect(guard.getByRole('status')).toHaveText(words.complaints_ui_done!);

	// The resident sees the result, and answers the personal link from the email.
	await page.goto('/app/complaints');
	await page.getByRole('link', { name: new RegExp(reference) }).click();
	await expect(page.getByRole('heading', { name: words.complaints_ui_result! })).toBeVisible();
	await noSidewaysScroll(page);
	await shot(page, 'case-phone');
	const link = await linkInOutbox(
		browser,
		'resident@lobby.test',
		fill(words.complaints_notice_satisfaction_title!, { reference }),
		/\/s\/[a-z0-9]{26}/
	);
	await page.goto(link);
	await page.getByLabel(words.complaints_ui_satisfied_yes!, { exact: true }).check();
	await shot(page, 'satisfaction-phone');
	await page.getByRole('button', { name: words.complaints_ui_send! }).click();
	await expect(page.getByRole('status')).toHaveText(words.complaints_ui_thanks_body!);

	// The desk sees the answer and prints the record: one A4 page.
	await desk.goto(complaintUrl);
	await expect(desk.locator('strong', { hasText: words.complaints_ui_satisfied_yes! })).toBeVisible();
	const pdf = await desk.request.get(`${complaintUrl}/sheet`);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	const bytes = await pdf.body();
	expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
	expect(bytes.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
	if (shots) fs.writeFileSync(`${shots}/complaints-record.pdf`, bytes);
});
