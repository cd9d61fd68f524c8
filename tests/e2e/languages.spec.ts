import fs from 'node:fs';
import { expect, test } from '@playwright/test';

/** The login page's words, read from the message files so a reworded label does not break the test. */
function authMessages(locale: string): Record<string, string> {
	return JSON.parse(fs.readFileSync(`messages/auth/${locale}.json`, 'utf8')) as Record<string, string>;
}

const english = authMessages('en');

// Chromium replaces an Accept-Language set with setExtraHTTPHeaders by its own, derived from the
// context locale: so the browser's language is set the way a person's browser has it.
for (const { browserLocale, locale } of [
	{ browserLocale: 'en-GB', locale: 'en' },
	{ browserLocale: 'zh-Hans', locale: 'zh-Hans' },
	{ browserLocale: 'zh-Hant', locale: 'zh-Hant' }
]) {
	test.describe(() => {
		test.use({ locale: browserLocale });

		test(`the login page reads in ${locale} for a browser set to ${browserLocale}`, async ({ page }) => {
			const response = await page.goto('/login');
			expect(response?.status()).toBe(200);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);

			const words = authMessages(locale);
			await expect(page.getByLabel(words.auth_email as string)).toBeVisible();
			await expect(page.getByLabel(words.auth_password as string, { exact: true })).toBeVisible();
			await expect(page.getByRole('button', { name: words.auth_login_submit as string })).toBeVisible();
			if (locale !== 'en') {
				const text = await page.locator('body').innerText();
				for (const key of ['auth_email', 'auth_password', 'auth_login_title', 'auth_forgot_link']) {
					expect(text, `English "${english[key]}" left on the ${locale} page`).not.toContain(english[key]);
				}
			}
		});
	});
}

// Browsers send region tags (zh-HK, zh-CN) with q-values, not the script tags the message files use.
for (const { acceptLanguage, locale } of [
	{ acceptLanguage: 'zh-CN,zh;q=0.9,en;q=0.8', locale: 'zh-Hans' },
	{ acceptLanguage: 'zh-HK,zh;q=0.9,en;q=0.8', locale: 'zh-Hant' },
	{ acceptLanguage: 'zh-TW', locale: 'zh-Hant' },
	{ acceptLanguage: 'fr-FR,fr;q=0.9,zh-Hant;q=0.5', locale: 'zh-Hant' },
	{ acceptLanguage: 'fr-FR', locale: 'en' }
]) {
	test(`Accept-Language: ${acceptLanguage} serves the login page in ${locale}`, async ({ request }) => {
		const response = await request.get('/login', { headers: { 'Accept-Language': acceptLanguage } });
		expect(response.status()).toBe(200);
		expect(await response.text()).toContain(`<html lang="${locale}"`);
	});
}
