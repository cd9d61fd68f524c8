import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { demoStaff } from '../../src/lib/server/seed/demo-data.ts';
import { messages } from './messages.ts';
import { signIn } from './sign-in.ts';
import { demoEvaluationPath } from './outbox.ts';

// The demo seed leaves signed-off repairs with open callbacks, and an evaluation link emailed to
// resident@lobby.test (in the outbox, as no SMTP server is configured).
const words = messages('callbacks');
const shots = process.env.SHOTS_DIR;

async function shot(page: Page, name: string) {
	if (!shots) return;
	fs.mkdirSync(shots, { recursive: true });
	await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

async function noSidewaysScroll(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

test('a callback that finds a problem puts a rectification notice in front of the technician', async ({ browser }) => {
	// Two people sign in (argon2 on purpose slow) and the build runs on a small machine.
	test.setTimeout(60_000);
	const director = await browser.newContext();
	const page = await director.newPage();
	await signIn(page, 'manager@lobby.test');
	await page.goto('/staff/callbacks');
	await expect(page.getByRole('heading', { name: words.callbacks_title })).toBeVisible();
	await shot(page, 'board-desktop');
	await page
		.getByRole('link', { name: /^R\d{6}$/ })
		.first()
		.click();
	await expect(page.getByRole('heading', { name: words.callbacks_form_title })).toBeVisible();
	const reference = (await page.getByRole('heading', { level: 1 }).textContent())!.match(/R\d{6}/)![0];
	const technicianName = (await page
		.locator('dt', { hasText: words.callbacks_technician })
		.locator('xpath=following-sibling::dd[1]')
		.textContent())!.trim();
	const technician = demoStaff.find((s) => s.name === technicianName);
	expect(technician, technicianName).toBeDefined();

	// Saving with nothing answered keeps the page and says what is missing.
	await page.getByRole('button', { name: words.callbacks_form_submit }).click();
	await expect(page.getByText(words.callbacks_work_ok_required!)).toBeVisible();

	await page.getByRole('radiogroup', { name: words.callbacks_work_ok }).getByLabel(words.callbacks_no!, { exact: true }).check();
	await page
		.getByRole('radiogroup', { name: words.callbacks_service_rating })
		.getByText(words.callbacks_rating_2!, { exact: true })
		.click();
	await page.getByRole('radiogroup', { name: words.callbacks_charges_ok }).getByLabel(words.callbacks_yes!, { exact: true }).check();
	await page.getByRole('radiogroup', { name: words.callbacks_problem_found }).getByLabel(words.callbacks_yes!, { exact: true }).check();
	await page.getByLabel(words.callbacks_problem_note!).fill('The tap still drips after the repair.');
	await page.getByLabel(words.callbacks_signed_name!).fill('Chan Tai Man');
	await shot(page, 'callback-form-desktop');
	await page.getByRole('button', { name: words.callbacks_form_submit }).click();
	await expect(page.getByRole('status').filter({ hasText: words.callbacks_done_saved })).toBeVisible();
	await expect(page.getByText('The tap still drips after the repair.').first()).toBeVisible();
	await expect(page.getByRole('button', { name: words.callbacks_form_submit })).toHaveCount(0);
	await shot(page, 'callback-done-desktop');
	await director.close();

	const tech = await browser.newContext();
	const techPage = await tech.newPage();
	await signIn(techPage, technician!.email);
	await techPage.goto('/staff/inbox');
	await expect(techPage.getByText(words.callbacks_notice_rectification_title!.replace('{reference}', reference)).first()).toBeVisible();
	await techPage.goto('/staff/callbacks/rectifications');
	const notice = techPage.getByRole('listitem').filter({ hasText: 'The tap still drips after the repair.' });
	await expect(notice).toBeVisible();
	await expect(notice.getByRole('heading', { name: new RegExp(reference) })).toBeVisible();
	await shot(techPage, 'rectifications-desktop');
	await notice.getByLabel(words.callbacks_resolution_label!).fill('Replaced the washer; no more drips.');
	await notice.getByRole('button', { name: words.callbacks_resolve_submit }).click();
	await expect(techPage.getByText(words.callbacks_rectification_resolved!)).toBeVisible();
	await expect(techPage.getByText('The tap still drips after the repair.')).toHaveCount(0);
	await tech.close();
});

test('a resident answers the callback evaluation form from the emailed link, once, on a phone', { tag: '@phone' }, async ({ browser }) => {
	test.setTimeout(60_000);
	const path = await demoEvaluationPath(browser);

	// A stranger's phone: no session cookie at all.
	const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	const page = await phone.newPage();
	// Mobile data: the page sends no JavaScript at all; the form posts as it is.
	const scripts: string[] = [];
	page.on('request', (request) => void (request.resourceType() === 'script' && scripts.push(request.url())));
	const response = await page.goto(path, { waitUntil: 'commit' });
	expect(response!.status()).toBe(200);
	expect(response!.headers()['referrer-policy']).toBe('same-origin');
	expect(response!.headers()['cache-control']).toBe('no-store');
	await expect(page.getByRole('heading', { name: words.callbacks_evaluation_page_title })).toBeVisible();
	await noSidewaysScroll(page);
	await shot(page, 'evaluation-phone');
	// Sent blank: the server's messages at the fields, in the page's language.
	await page.getByRole('button', { name: words.callbacks_evaluation_submit }).click();
	await expect(page.locator('.field-error').first()).toBeVisible();
	await expect(page.getByRole('heading', { name: words.callbacks_evaluation_page_title })).toBeVisible();

	await page
		.getByRole('radiogroup', { name: words.callbacks_evaluation_work_ok })
		.getByLabel(words.callbacks_yes!, { exact: true })
		.check();
	await page
		.getByRole('radiogroup', { name: words.callbacks_evaluation_service })
		.getByText(words.callbacks_rating_5!, { exact: true })
		.click();
	await page
		.getByRole('radiogroup', { name: words.callbacks_evaluation_charges_ok })
		.getByLabel(words.callbacks_yes!, { exact: true })
		.check();
	await page.getByLabel(words.callbacks_evaluation_suggestions!).fill('Quick and tidy, thank you.');
	await page.getByLabel(words.callbacks_evaluation_signed_name!).fill('Chan Tai Man');
	await expect(
		page.getByRole('radiogroup', { name: words.callbacks_evaluation_charges_ok }).getByLabel(words.callbacks_yes!, { exact: true })
	).toBeChecked();
	await expect(page.getByLabel(words.callbacks_evaluation_signed_name!)).toHaveValue('Chan Tai Man');
	await shot(page, 'evaluation-filled-phone');
	await page.getByRole('button', { name: words.callbacks_evaluation_submit }).click();
	await expect(page.getByRole('heading', { name: words.callbacks_evaluation_thanks_title })).toBeVisible();
	expect(scripts).toEqual([]);
	await shot(page, 'evaluation-thanks-phone');

	// The link works once.
	await page.goto(path);
	await expect(page.getByRole('heading', { name: words.callbacks_evaluation_answered_title })).toBeVisible();
	await shot(page, 'evaluation-answered-phone');

	// A garbled link: a plain 404 page, not an error.
	const garbled = await page.goto(`/s/${'z'.repeat(5000)}`);
	expect(garbled!.status()).toBe(404);
	await expect(page.getByRole('heading', { name: words.callbacks_link_unknown_title })).toBeVisible();
	await noSidewaysScroll(page);
	await shot(page, 'evaluation-unknown-phone');
	await phone.close();
});
