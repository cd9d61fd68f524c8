import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { readXlsx, type ReadSheet } from '../../src/lib/server/reports/xlsx-read.ts';
import { fill, messages } from './messages.ts';
import { linkInOutbox } from './outbox.ts';
import { signIn } from './sign-in.ts';

const words = messages('surveys');
const letterWords = messages('survey-letters');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const shots = 'test-results/survey';

test('a manager sends the annual survey to one estate; a company answers on a phone part-way, resumes on another device, submits once, and a second submission is refused', async ({
	browser
}) => {
	test.setTimeout(180_000);
	// The manager starts the annual survey from its template and sends it to Central Plaza only.
	const manager = await (await browser.newContext()).newPage();
	await signIn(manager, 'manager@lobby.test');
	await manager.goto('/staff/surveys');
	await manager.getByRole('button', { name: words.surveys_new_button }).click();
	await expect(manager).toHaveURL(/\/staff\/surveys\/[0-9a-f-]{36}$/);
	const surveyUrl = new URL(manager.url()).pathname;
	await manager
		.locator('input[name="estateIds"]')
		.and(manager.getByLabel(/Harbour View/))
		.uncheck();
	await manager
		.locator('input[name="estateIds"]')
		.and(manager.getByLabel(/Central Plaza/))
		.check();
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

	// The results count what was answered: one response, and the overall score of 2 in its bar.
	await manager.goto(`${surveyUrl}/results`);
	await expect(manager.locator('.tiles .big').first()).toHaveText('1');
	// The overall question's bars: score 2 given once, the others not at all.
	await expect(manager.getByRole('img', { name: /^Overall, how satisfied/ }).first()).toHaveAttribute(
		'aria-label',
		/1: 0 [^;]*; 2: 1 \(100/
	);
	await manager.screenshot({ path: `${shots}-results.png`, fullPage: true });
	await manager.setViewportSize({ width: 390, height: 844 });
	await manager.screenshot({ path: `${shots}-results-phone.png`, fullPage: true });
	await manager.setViewportSize({ width: 1280, height: 800 });

	// The responses' export parses, with the same numbers the company gave (no name in it).
	const exported = await manager.request.get(`${surveyUrl}/export?format=xlsx&what=responses`);
	expect(exported.status()).toBe(200);
	const [sheet] = readXlsx(new Uint8Array(await exported.body()));
	const rows = rowsOf(sheet!);
	expect(rows).toHaveLength(2);
	const cell = (title: string) => rows[1]![rows[0]!.findIndex((h) => typeof h === 'string' && h.startsWith(title))];
	expect(cell('Overall, how satisfied')).toBe(2);
	expect(cell('How likely')).toBe(7);
	expect(String(rows[1]!.join(' '))).not.toContain('Lam Chi Keung');

	// Letters for the tower, for everyone who has not answered: the PDF drawn as a PNG, its QR code opens a survey on a phone.
	await manager.goto(surveyUrl);
	const tower = manager.locator('form.letter-form').filter({ hasText: 'Central Plaza' });
	await tower.getByLabel(letterWords.survey_letters_who!).selectOption('unanswered');
	const [download] = await Promise.all([
		manager.waitForEvent('download'),
		tower.getByRole('button', { name: letterWords.survey_letters_print }).click()
	]);
	fs.mkdirSync('test-results', { recursive: true });
	await download.saveAs(`${shots}-letters.pdf`);
	execFileSync('pdftoppm', ['-r', '110', '-png', '-singlefile', '-f', '1', '-l', '1', `${shots}-letters.pdf`, `${shots}-letter`]);
	const { data, info } = await sharp(`${shots}-letter.png`).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
	const qr = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height);
	expect(qr, 'the letter carries a QR code').not.toBeNull();
	expect(qr!.data).toMatch(/\/s\/[a-z0-9]{26}$/);
	const letterPhone = await (await browser.newContext({ ...phone, javaScriptEnabled: false })).newPage();
	await letterPhone.goto(qr!.data);
	await expect(letterPhone.getByRole('heading', { level: 1 })).toHaveText('Annual satisfaction survey');
	await expect(letterPhone.getByRole('button', { name: words.surveys_submit })).toBeVisible();
	await letterPhone.screenshot({ path: `${shots}-letter-phone.png`, fullPage: true });
});

/** A sheet's rows as arrays of cells (header first). */
function rowsOf(sheet: ReadSheet): (string | number | undefined)[][] {
	const rows: (string | number | undefined)[][] = [];
	for (const [ref, value] of sheet.cells) {
		const [, column, row] = /^([A-Z]+)(\d+)$/.exec(ref)!;
		const c = [...column!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
		(rows[Number(row) - 1] ??= [])[c] = value;
	}
	return rows;
}
