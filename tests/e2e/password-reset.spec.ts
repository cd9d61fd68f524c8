import { expect, test } from '@playwright/test';
import { messages } from './messages.ts';
import { linkInOutbox } from './outbox.ts';
import { signIn } from './sign-in.ts';

const auth = messages('auth');

// The forgot and reset pages send no JavaScript (csr = false): the whole journey is plain form
// posts, the reset page's included (its referrer policy must still let the browser name our origin).
test(
	'a resident who forgot the password gets a link by email and signs in with the new one',
	{ tag: '@phone' },
	async ({ page, browser }) => {
		const email = 'resident035@example.test';
		await page.goto('/forgot');
		await page.getByLabel(auth.auth_email!).fill(email);
		await page.getByRole('button', { name: auth.auth_forgot_submit }).click();
		await expect(page.getByText(auth.auth_forgot_sent!)).toBeVisible();

		const path = await linkInOutbox(browser, email, undefined, /\/reset\/[A-Za-z0-9_-]+/);
		await page.goto(path);
		await expect(page.getByRole('heading', { name: auth.auth_reset_title })).toBeVisible();
		// Too short first: the message at the field, on the same page.
		await page.getByLabel(auth.auth_new_password!, { exact: true }).fill('short');
		await page.getByLabel(auth.auth_confirm_password!).fill('short');
		await page.getByRole('button', { name: auth.auth_reset_submit }).click();
		await expect(page.locator('#password-error')).toBeVisible();
		const password = 'Harbour-view-2026!';
		await page.getByLabel(auth.auth_new_password!, { exact: true }).fill(password);
		await page.getByLabel(auth.auth_confirm_password!).fill(password);
		await page.getByRole('button', { name: auth.auth_reset_submit }).click();
		await expect(page.getByText(auth.auth_reset_done!)).toBeVisible();

		await signIn(page, email, { password });
		await expect(page).toHaveURL(/\/app/);
	}
);
