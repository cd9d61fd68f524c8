import { expect, test, type Browser } from '@playwright/test';
import { fill, messages } from './messages.ts';
import { messageInOutbox } from './outbox.ts';
import { signIn } from './sign-in.ts';
import { DEMO_WIDGET_KEY } from '../../src/lib/server/seed/demo-widget.ts';

const t = messages('notices');
const shots = process.env.SHOTS_DIR ?? 'test-results';
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/**
 * Whether a text message to `phone` waiting in the outbox says `text`. Text messages have no
 * subject to pick them by, and other journeys text the same resident meanwhile: the newest few
 * to the number are read, as the admin would.
 */
async function textedInOutbox(browser: Browser, phone: string, text: string): Promise<void> {
	const admin = messages('admin');
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, 'admin@lobby.test');
	await expect(async () => {
		await page.goto(`/staff/admin/outbox?to=${encodeURIComponent(phone)}`);
		const texts = await page
			.getByRole('link', { name: admin.admin_outbox_no_subject })
			.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
		const bodies: string[] = [];
		for (const path of texts.slice(0, 5)) {
			await page.goto(path);
			// Reading a body is an explicit, audited action.
			await page.getByRole('button', { name: admin.admin_outbox_read }).click();
			bodies.push((await page.locator('pre').textContent()) ?? '');
		}
		expect(bodies.some((body) => body.includes(text))).toBe(true);
	}).toPass({ timeout: 60_000 });
	await context.close();
}

/**
 * Issue 15's acceptance line for notices: the office publishes an urgent notice to Block A; a
 * Block A resident sees it pinned on the home and opens it; a Block B resident does not see it;
 * the read count shows 1; the email and the SMS are in the outbox.
 */
test('an urgent notice to Block A reaches Block A by the portal, email and SMS, and its reading is counted', async ({ page, browser }) => {
	test.setTimeout(120_000);
	const title = `Water cut in Block A ${Date.now()}`;

	// The office writes it (English only: the Chinese readers get it marked as English).
	await signIn(page, 'service@lobby.test');
	await page.goto('/staff/notices/new');
	await page.getByLabel(t.notices_estate!, { exact: true }).selectOption({ label: 'Harbour View Garden 海景花園' });
	const english = page.getByRole('group', { name: 'English' });
	await english.getByLabel(t.notices_title_label!).fill(title);
	await english.getByLabel(t.notices_body_label!).fill('The water is cut on Friday from 10:00 to 14:00 for the tank cleaning.');
	await page.getByRole('checkbox', { name: 'Block A A座' }).check();
	await page.getByLabel(t.notices_attachments!, { exact: true }).setInputFiles({
		name: 'water-cut.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from('%PDF-1.4\n%%EOF\n')
	});
	await page.getByLabel(t.notices_pinned!).check();
	await page.getByLabel(t.notices_urgent!).check();
	await page.getByLabel(t.notices_public!).check();
	await page.screenshot({ path: `${shots}/notices-staff-form-1280.png`, fullPage: true });
	await page.getByRole('button', { name: t.notices_submit }).click();
	await expect(page).toHaveURL(/\/staff\/notices\/[0-9a-f-]{36}$/);
	const staffUrl = page.url();
	const id = staffUrl.split('/').at(-1)!;
	await expect(page.getByRole('heading', { level: 1 })).toContainText(t.notices_state_published!);

	// A Block A resident: pinned on the home, opened from there (the opening is recorded by its form).
	const resident = await browser.newContext(phone);
	const residentPage = await resident.newPage();
	await signIn(residentPage, 'resident@lobby.test');
	await residentPage.goto('/app');
	const notices = residentPage.getByRole('region', { name: t.notices_title });
	const entry = notices.getByRole('button', { name: new RegExp(title) });
	await expect(entry).toBeVisible();
	await expect(entry).toContainText(t.notices_pinned_badge!);
	await expect(entry).toContainText(t.notices_urgent_badge!);
	await residentPage.screenshot({ path: `${shots}/notices-resident-home-390.png` });
	await entry.click();
	await expect(residentPage).toHaveURL(new RegExp(`/app/notices/${id}$`));
	await expect(residentPage.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(residentPage.getByText(t.notices_read!)).toBeVisible();
	// Its file, served to whom the notice was sent.
	const attachment = residentPage.getByRole('link', { name: 'water-cut.pdf' });
	const fileUrl = (await attachment.getAttribute('href'))!;
	expect((await residentPage.request.get(fileUrl)).status()).toBe(200);
	await residentPage.screenshot({ path: `${shots}/notices-resident-notice-390.png`, fullPage: true });
	expect(await residentPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
	await residentPage.goto('/app/profile');
	const residentPhone = await residentPage.locator('input[name="phone"]').inputValue();
	await resident.close();

	// A Block B resident: not on the home, and the notice's address is not found.
	const neighbour = await browser.newContext(phone);
	const neighbourPage = await neighbour.newPage();
	await signIn(neighbourPage, 'neighbour@lobby.test');
	await neighbourPage.goto('/app');
	await expect(neighbourPage.getByText(title)).toHaveCount(0);
	expect((await neighbourPage.goto(`/app/notices/${id}`))?.status()).toBe(404);
	expect((await neighbourPage.request.get(fileUrl)).status()).toBe(404);
	await neighbour.close();

	// The office sees the reading: one read in Block A.
	await page.goto(staffUrl);
	const counts = page.getByRole('region', { name: t.notices_counts_title });
	const blockA = counts.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Block A A座' }) });
	await expect(blockA.getByRole('cell').nth(1)).toHaveText('1');
	await expect(blockA.getByRole('cell').nth(0)).not.toHaveText('0');
	await page.screenshot({ path: `${shots}/notices-staff-counts-1280.png`, fullPage: true });

	// Marked public: the estate's widget shows it to everyone, in the visitor's language (marked English in Chinese).
	const visitor = await browser.newContext(phone);
	const widget = await visitor.newPage();
	await widget.goto(`/widget/${DEMO_WIDGET_KEY}/zh-Hant`);
	const shown = widget
		.getByRole('region', { name: messages('notices', 'zh-Hant').notices_title })
		.getByRole('article')
		.filter({ hasText: title });
	await expect(shown).toBeVisible();
	await expect(shown.getByRole('heading')).toHaveAttribute('lang', 'en');
	await expect(shown).toContainText(fill(messages('notices', 'zh-Hant').notices_fallback!, { language: 'English' }));
	await widget.screenshot({ path: `${shots}/notices-widget-390.png`, fullPage: true });
	await visitor.close();

	// The office's list: the notice first, published, urgent and pinned.
	await page.goto('/staff/notices');
	await expect(page.getByRole('row').filter({ hasText: title })).toContainText(t.notices_state_published!);
	await page.screenshot({ path: `${shots}/notices-staff-list-1280.png` });

	// The email and the SMS, handed to delivery, wait in the outbox.
	const email = await messageInOutbox(browser, 'resident@lobby.test', fill(t.notices_notify_urgent!, { title }));
	expect(email).toContain('The water is cut on Friday');
	expect(residentPhone).not.toBe('');
	await textedInOutbox(browser, residentPhone, title);
});
