import { expect, type Browser } from '@playwright/test';
import { messages } from './messages.ts';
import { signIn } from './sign-in.ts';

/**
 * The body of the newest message to `recipient` (with `subject` in its row, when given), read from
 * the outbox as the admin would: no SMTP server is configured in the journeys, so emails (and
 * text messages) wait there.
 */
export async function messageInOutbox(browser: Browser, recipient: string, subject: string | undefined): Promise<string> {
	const admin = await browser.newContext();
	const adminPage = await admin.newPage();
	await signIn(adminPage, 'admin@lobby.test');
	let row = adminPage.getByRole('row').filter({ hasText: recipient });
	if (subject) row = row.filter({ hasText: subject });
	// The job runner delivers email shortly after it is written. The outbox filtered to the recipient,
	// newest first, a page at a time: a journey that mailed a whole estate (the survey) may have pushed
	// an older message further back; with every journey mailing at once, delivery can lag: a minute.
	await expect(async () => {
		await adminPage.goto(`/staff/admin/outbox?to=${encodeURIComponent(recipient)}`);
		for (let pages = 1; (await row.count()) === 0 && pages < 20; pages++) {
			const next = adminPage.getByRole('link', { name: messages('common').pagination_next });
			if ((await next.count()) === 0) break;
			await next.click();
			await adminPage.waitForLoadState();
		}
		await expect(row.first()).toBeVisible({ timeout: 1000 });
	}).toPass({ timeout: 60_000 });
	await row.first().getByRole('link').click();
	// Reading a body is an explicit, audited action.
	await adminPage.getByRole('button', { name: messages('admin').admin_outbox_read }).click();
	const body = (await adminPage.locator('pre').textContent()) ?? '';
	await admin.close();
	return body;
}

/** The path of a link in the newest message to `recipient` (with `subject` in its row, when given). */
export async function linkInOutbox(browser: Browser, recipient: string, subject: string | undefined, path: RegExp): Promise<string> {
	const body = await messageInOutbox(browser, recipient, subject);
	const link = body.match(new RegExp(`https?://[^\\s/]+(${path.source})`));
	expect(link, body).not.toBeNull();
	return link![1]!;
}

/** The callback evaluation link the demo seed emails to resident@lobby.test: /s/<token>. */
export function demoEvaluationPath(browser: Browser): Promise<string> {
	return linkInOutbox(browser, 'resident@lobby.test', messages('callbacks').callbacks_notice_evaluate_title, /\/s\/[a-z0-9]{26}/);
}
