import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/lib/server/seed/demo-data.ts';
import { messages, type LocaleTag } from './messages.ts';

export interface SignInOptions {
	password?: string;
	/** The language the login page is shown in (the browser's locale); English by default. */
	locale?: LocaleTag;
}

/** Fills in and sends the login form as a person would, in the page's language. */
export async function submitLogin(
	page: Page,
	email: string,
	{ password = DEMO_PASSWORD, locale = 'en' }: SignInOptions = {}
): Promise<void> {
	const words = messages('auth', locale);
	if (!page.url().includes('/login')) await page.goto('/login');
	await page.getByLabel(words.auth_email!).fill(email);
	await page.getByLabel(words.auth_password!, { exact: true }).fill(password);
	await page.getByRole('button', { name: words.auth_login_submit }).click();
}

/** Signs in through the login form and waits until the portal has taken over from the login page. */
export async function signIn(page: Page, email: string, options: SignInOptions = {}): Promise<void> {
	await page.goto('/login');
	await submitLogin(page, email, options);
	await expect(page).not.toHaveURL(/\/login/);
}
