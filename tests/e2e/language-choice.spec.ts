import { expect, test } from '@playwright/test';
import { messages } from './messages.ts';
import { signIn } from './sign-in.ts';

// An account no other journey uses: its saved language must not change other journeys' pages.
const email = 'resident006@example.test';

test(
	'the language switcher changes the language, and the choice follows the account to another browser',
	{ tag: '@phone' },
	async ({ page, browser }) => {
		const en = messages('common');
		const hant = messages('common', 'zh-Hant');
		await signIn(page, email);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');

		await page.getByLabel(en.language!).selectOption('zh-Hant');
		await page.getByRole('button', { name: en.language_save }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
		await expect(page.getByRole('heading', { level: 2, name: messages('resident', 'zh-Hant').resident_units_title })).toBeVisible();

		await page.getByRole('button', { name: hant.sign_out }).first().click();
		await expect(page).toHaveURL(/\/login/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');

		// A browser that has never seen the choice, set to English: signing in brings the language back.
		const elsewhere = await browser.newContext({ locale: 'en-GB' });
		const other = await elsewhere.newPage();
		await other.goto('/login');
		await expect(other.locator('html')).toHaveAttribute('lang', 'en');
		await signIn(other, email);
		await expect(other).toHaveURL(/\/app\/?$/);
		await expect(other.locator('html')).toHaveAttribute('lang', 'zh-Hant');
		await expect(other.getByRole('button', { name: hant.sign_out }).first()).toBeVisible();
		await elsewhere.close();
	}
);
