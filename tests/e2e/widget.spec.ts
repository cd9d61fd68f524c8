import fs from 'node:fs';
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { demoPlan } from '../../src/lib/server/seed/demo-plan.ts';
import { demoResident } from '../../src/lib/server/seed/demo-data.ts';
import { DEMO_WIDGET_KEY } from '../../src/lib/server/seed/demo-widget.ts';
import { fill, messages } from './messages.ts';
import { linkInOutbox, messageInOutbox } from './outbox.ts';
import { signIn } from './sign-in.ts';

// The estate's own web site on a second origin (npm start serves it beside the demo data, on
// WIDGET_HOST_PORT: 4179 in the journeys), which the demo estate lets frame its widget. The same
// site reached as 127.0.0.1 is another origin, not on the list.
const hostSite = 'http://localhost:4179/';
const unlistedSite = 'http://127.0.0.1:4179/';
const words = messages('widget');
const complaintWords = messages('complaints');
const matchWords = messages('case-match');
const frontdesk = messages('frontdesk');
const shots = process.env.SHOTS_DIR ?? 'test-results';
// Chan Tai Man of 12A sends it from the estate's site with his own mobile and a private email.
const chanPhone = demoPlan('').users.find((u) => u.email === demoResident.email)!.phone!;

async function shot(page: Page, name: string) {
	fs.mkdirSync(shots, { recursive: true });
	await page.screenshot({ path: `${shots}/widget-${name}.png`, fullPage: true });
}

/** Opens the widget from the host site's button; its pages live in the dialog's frame. */
async function openWidget(page: Page, url = hostSite, button = 'Help desk'): Promise<FrameLocator> {
	await page.goto(url);
	await page.getByRole('button', { name: button }).click();
	await expect(page.getByRole('dialog', { name: button })).toBeVisible();
	return page.frameLocator('iframe');
}

test('a visitor complains through the widget on the estate’s site, the desk matches and resolves it, the visitor follows it to the result @phone', async ({
	page,
	browser
}) => {
	test.setTimeout(180_000);
	const email = `chan.widget.${Date.now()}@example.com`;
	const frame = await openWidget(page);
	await shot(page, 'host-390');
	await frame.getByRole('link', { name: new RegExp(words.widget_ui_action_complaint!) }).click();
	await frame.getByLabel(words.widget_ui_building!).selectOption({ label: 'Block A A座' });
	await frame.getByLabel(words.widget_ui_room!, { exact: false }).fill('12a');
	await frame.getByLabel(words.widget_ui_kind!).selectOption({ label: 'Security and order' });
	await frame.getByLabel(words.widget_ui_description!).fill('The car park gate stays open all night and strangers walk in.');
	await frame.getByLabel(words.widget_ui_name!).fill('Chan Tai Man');
	await frame.getByLabel(words.widget_ui_email!).fill(email);
	await frame.getByLabel(words.widget_ui_phone!).fill(chanPhone);
	await shot(page, 'form-390');
	// A person takes more than two seconds over a form (the time token refuses a faster post).
	await page.waitForTimeout(2_000);
	await frame.getByRole('button', { name: words.widget_ui_send! }).click();
	await expect(frame.getByRole('heading', { name: words.widget_ui_code_title! })).toBeVisible();

	// The 6-digit code is in the outbox (the development mail backend).
	const mail = await messageInOutbox(browser, email, undefined);
	const code = /\b(\d{6})\b/.exec(mail)![1]!;
	await frame.getByLabel(words.widget_ui_code_label!).fill(code);
	await frame.getByRole('button', { name: words.widget_ui_confirm! }).click();
	await expect(frame.getByRole('heading', { name: words.widget_ui_done_title! })).toBeVisible();
	const trackingCode = (await frame.getByTestId('tracking-code').textContent())!.trim();
	expect(trackingCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
	const reference = /C\d{6}/.exec((await frame.getByRole('status').textContent())!)![0];
	await shot(page, 'done-390');

	// The desk finds it by the visitor's phone number in the header box and matches it to 12A.
	const desk = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
	await signIn(desk, 'service@lobby.test');
	const box = desk.getByRole('searchbox', { name: frontdesk.frontdesk_box_label });
	await box.fill(chanPhone.replace(/^\+852\s*/, ''));
	await box.press('Enter');
	const found = desk.getByRole('region', { name: new RegExp(frontdesk.frontdesk_group_complaints!) });
	await found.getByRole('link', { name: new RegExp(reference) }).click();
	await expect(desk.getByText(matchWords.case_match_notice_title!)).toBeVisible();
	await desk.getByRole('button', { name: /12A.*Chan Tai Man/ }).click();
	await expect(desk.getByText(matchWords.case_match_notice_title!)).toHaveCount(0);
	await shot(desk, 'matched-1280');
	const complaintUrl = desk.url().split('?')[0]!;

	// Taken up, passed to security, resolved and signed.
	await desk.getByRole('button', { name: complaintWords.complaints_action_claim! }).click();
	await expect(desk.getByRole('status')).toHaveText(complaintWords.complaints_ui_done!);
	await desk
		.getByLabel(complaintWords.complaints_field_department!, { exact: true })
		.selectOption({ label: complaintWords.complaints_department_security! });
	await desk.getByRole('button', { name: complaintWords.complaints_action_assign! }).click();
	await expect(desk.getByRole('status')).toHaveText(complaintWords.complaints_ui_done!);
	const guard = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
	await signIn(guard, 'security@lobby.test');
	await guard.goto(complaintUrl);
	const result = 'The gate motor was replaced; the guards now close the gate at 11 pm and check it on every round.';
	await guard.getByRole('textbox', { name: complaintWords.complaints_ui_result! }).fill(result);
	await guard.getByRole('button', { name: complaintWords.complaints_action_resolve! }).click();
	await expect(guard.getByRole('status')).toHaveText(complaintWords.complaints_ui_done!);

	// Matched by his phone to his own account, Chan gets the satisfaction link there, and answers it.
	const link = await linkInOutbox(
		browser,
		demoResident.email,
		fill(complaintWords.complaints_notice_satisfaction_title!, { reference }),
		/\/s\/[a-z0-9]{26}/
	);
	const answer = await browser.newPage();
	await answer.goto(link);
	await answer.getByLabel(complaintWords.complaints_ui_satisfied_yes!, { exact: true }).check();
	await answer.getByRole('button', { name: complaintWords.complaints_ui_send! }).click();
	await expect(answer.getByRole('status')).toHaveText(complaintWords.complaints_ui_thanks_body!);

	// Back on the estate's site, the tracking code and the phone's last 4 digits show the result.
	const again = await openWidget(page);
	await again.getByRole('link', { name: new RegExp(words.widget_ui_action_track!) }).click();
	await again.getByLabel(words.widget_ui_track_code_label!).fill(trackingCode);
	await again.getByLabel(words.widget_ui_proof_label!).fill(chanPhone.replace(/\D/g, '').slice(-4));
	await again.getByRole('button', { name: words.widget_ui_track_submit! }).click();
	await expect(again.getByRole('heading', { name: reference })).toBeVisible();
	await expect(again.getByTestId('case-result')).toHaveText(result);
	await expect(again.getByText(complaintWords.complaints_event_satisfaction_answered!)).toBeVisible();
	await shot(page, 'tracked-390');
	// Esc inside the frame closes the panel and gives the focus back to the button.
	await again.getByRole('button', { name: words.widget_ui_track_submit! }).focus();
	await page.keyboard.press('Escape');
	await expect(page.getByRole('dialog')).toBeHidden();
	await expect(page.getByRole('button', { name: 'Help desk' })).toBeFocused();
});

test('the widget speaks the host’s language and answers the desktop panel beside the button', async ({ page }) => {
	const frame = await openWidget(page, `${hostSite}?lang=zh-Hant`, '服務台');
	await expect(frame.getByRole('heading', { name: messages('widget', 'zh-Hant').widget_ui_intro! })).toBeVisible();
	await expect(frame.getByRole('link', { name: new RegExp(messages('widget', 'zh-Hant').widget_ui_action_complaint!) })).toBeVisible();
	await shot(page, 'zh-hant-1280');
	// Focus stays inside while the panel is open: Tab after Tab, it never reaches the host page.
	for (let i = 0; i < 12; i++) {
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('LOBBY-WIDGET');
	}
	// The frame took the height its page reported (postMessage from the widget's own origin).
	const height = await page.locator('iframe').evaluate((frame) => frame.getBoundingClientRect().height);
	expect(height).toBeGreaterThan(200);
	// No cookie: the widget's pages set none (a framed page on another site may keep none).
	expect(await page.context().cookies()).toEqual([]);
});

test('a site the estate does not list cannot frame the widget', async ({ page, request }) => {
	const refused: string[] = [];
	page.on('console', (message) => refused.push(message.text()));
	const frame = await openWidget(page, unlistedSite);
	await expect.poll(() => refused.some((text) => /frame-ancestors/.test(text))).toBe(true);
	await expect(frame.getByRole('heading', { name: words.widget_ui_intro! })).toHaveCount(0);
	// The page says who may frame it; every other page says nobody.
	const widgetPage = await request.get(`/widget/${DEMO_WIDGET_KEY}/en/`);
	expect(widgetPage.headers()['content-security-policy']).toMatch(/frame-ancestors http:\/\/localhost:5174 http:\/\/localhost:4179(;|$)/);
	expect(widgetPage.headers()['x-frame-options']).toBeUndefined();
	const login = await request.get('/login');
	expect(login.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(login.headers()['x-frame-options']).toBe('DENY');
	// An unknown key is nobody's widget: 404, framed by nobody.
	const unknown = await request.get('/widget/NoSuchKey123/en/');
	expect(unknown.status()).toBe(404);
	expect(unknown.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
});

test('a manager sees the estate’s widget: its host sites, what it offers, and the tag to copy; a bad host site is refused at the field', async ({
	page
}) => {
	const admin = messages('widget-admin');
	await signIn(page, 'manager@lobby.test');
	await page.goto('/staff/admin/widget');
	await page
		.getByRole('row', { name: /Harbour View/ })
		.getByRole('link')
		.click();
	await expect(page.getByLabel(admin.widget_admin_snippet_label!)).toHaveValue(new RegExp(`data-key="${DEMO_WIDGET_KEY}"`));
	const sites = page.getByLabel(admin.widget_admin_origins_label!);
	await expect(sites).toHaveValue(/http:\/\/localhost:5174/);
	await shot(page, 'admin-1280');
	await sites.fill('http://localhost:5174\nnot a web address');
	await page.getByRole('button', { name: admin.widget_admin_save! }).click();
	await expect(page.getByText(/not a web address/).first()).toBeVisible();
	// Nothing was saved: the journeys' host site may still frame the widget.
	await page.reload();
	await expect(page.getByLabel(admin.widget_admin_origins_label!)).toHaveValue(/localhost:4179/);
});
