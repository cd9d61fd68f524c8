import { expect, test } from '@playwright/test';
import { fill, messages } from './messages.ts';
import { linkInOutbox } from './outbox.ts';
import { signIn } from './sign-in.ts';

const words = messages('surveys');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const shots = 'test-results/survey';

test('a manager sends the annual survey to one estate; a company answers on a phone part-way, resumes on another device, submits once, and a second submission is refused', async ({
	browser
}) => {
	test.setTimeout(120_000);
	// The manager starts the annual survey from its template and sends it to Central Plaza only.
	const manager = await (await browser.newContext()).newPage();
	await signIn(manager, 'manager@lobby.test');
	await manager.goto('/staff/surveys');
	await manager.getByRole('button', { name: words.surveys_new_button }).click();
	await expect(manager).toHaveURL(/\/staff\/surveys\/[0-9a-f-]{36}$/);
	const surveyUrl = new URL(manager.url()).pathname;
	await manager.getByLabel(/Harbour View/).uncheck();
	await manager.getByLabel(/Central Plaza/).check();
	await manager.getByRole('button', { name: words.surveys_settings_save }).click();
	await expect(manager.getByText(words.surveys_done!)).toBeVisible();
	await manager.getByRole('button', { name: words.surveys_send_button }).click();
	// The progress bar fills as the job gives out the links (the page reads it again every two seconds).
	await expect(manager.locator('#progress')).toBeVisible();
	await expect(async () => {
		await manager.goto(surveyUrl);
		await expect(manager.getByText(words.surveys_state_open!).first()).toBeVisible({ timeout: 1000 });
	}).toPass({ timeout: 30_000 });
	await expect(manager.locator('label[for="progress"]')).toContainText('(100 %)');
	await manager.screenshot({ path: `${shots}-sent.png`, fullPage: true });

	// Acme's admin opens the emailed link on a phone, answers part of it and saves for later.
	const invitation = fill(words.surveys_invitation_title!, { title: 'Annual satisfaction survey' });
	const link = await linkInOutbox(browser, 'admin@acme.test', invitation, /\/s\/[a-z0-9]{26}/);
	const phoneA = await (await browser.newContext({ ...phone, javaScriptEnabled: false })).newPage();
	await phoneA.goto(link);
	await expect(phoneA.getByRole('heading', { level: 1 })).toHaveText('Annual satisfaction survey');
	await phoneA.locator('input[name="q.overall"][value="2"]').check();
	await phoneA.locator('textarea[name="q.overall_why"]').fill('The lift in Tower 1 was out for a week.');
	await phoneA.getByRole('button', { name: words.surveys_save }).click();
	await expect(phoneA.getByText(words.surveys_saved!)).toBeVisible();
	await phoneA.screenshot({ path: `${shots}-saved-phone.png`, fullPage: true });
	await phoneA.context().close();

	// Another device, the same link: what was saved is back; a missing required answer is refused at its question.
	const phoneB = await (await browser.newContext({ ...phone, javaScriptEnabled: false })).newPage();
	await phoneB.goto(link);
	await expect(phoneB.locator('input[name="q.overall"][value="2"]')).toBeChecked();
	await expect(phoneB.locator('textarea[name="q.overall_why"]')).toHaveValue('The lift in Tower 1 was out for a week.');
	for (const row of ['customer_service', 'repairs', 'security', 'cleaning', 'greening', 'value']) {
		await phoneB.locator(`input[name="q.areas.${row}"][value="3"]`).check();
	}
	await phoneB.locator('input[name="q.fees_level"][value="about_right"]').check();
	await phoneB.getByRole('button', { name: words.surveys_submit }).click();
	await expect(phoneB.locator('#q-recommend-error')).toHaveText(words.surveys_problem_required!);
	await expect(phoneB.locator('textarea[name="q.overall_why"]')).toHaveValue('The lift in Tower 1 was out for a week.');
	await phoneB.screenshot({ path: `${shots}-refused-phone.png`, fullPage: true });
	await phoneB.locator('input[name="q.recommend"][value="7"]').check();
	await phoneB.getByRole('button', { name: words.surveys_submit }).click();
	await expect(phoneB.getByText(words.surveys_thanks!)).toBeVisible();

	// The same link again, and a second submission posted to it: refused politely, the first answers shown.
	await phoneB.goto(link);
	await expect(phoneB.getByText(words.surveys_already_answered!)).toBeVisible();
	const again = await phoneB.request.post(`${link}?/submit`, {
		form: { 'q.overall': '5', 'q.recommend': '10' },
		headers: { origin: new URL(phoneB.url()).origin, accept: 'text/html' }
	});
	expect(again.status()).toBe(200);
	expect(await again.text()).toContain(words.surveys_already_answered!.slice(0, 40));
	await phoneB.screenshot({ path: `${shots}-answered-phone.png`, fullPage: true });

	// The manager's page counts the answer.
	await manager.goto(surveyUrl);
	await expect(manager.locator('section[aria-labelledby="rates-heading"]')).toContainText('1 of');
	await manager.screenshot({ path: `${shots}-rates.png`, fullPage: true });
});
