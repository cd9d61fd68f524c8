import { expect, test, type Page } from '@playwright/test';
import { localeTags, messages, type LocaleTag } from './messages.ts';
import { signIn } from './sign-in.ts';

/**
 * The English words of the resident pages' own labels. The relation suggestions are left out:
 * they sit in a hidden datalist, and the demo household's relations are bilingual data
 * ("Spouse 配偶"), not interface text.
 */
const englishLabels: string[] = (() => {
	const common = messages('common');
	const texts = [
		...Object.entries(messages('resident'))
			.filter(([key]) => !key.startsWith('resident_relation_') || key === 'resident_relation_hint')
			.map(([, text]) => text),
		...(['nav_home', 'nav_profile', 'sign_out', 'language', 'language_save'] as const).map((key) => common[key]!)
	];
	// The fixed words around {placeholders}, where there are words at all.
	const words = texts.flatMap((text) => text.split(/\{\w+\}/)).map((part) => part.trim());
	return [...new Set(words.filter((part) => /[A-Za-z]{2,}/.test(part)))];
})();

/** Everything a reader or a screen reader meets: the visible text and the accessible labels. */
async function pageWords(page: Page): Promise<string> {
	return page.evaluate(() => {
		const labels = [...document.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap((el) =>
			['aria-label', 'title', 'placeholder'].map((name) => el.getAttribute(name) ?? '')
		);
		return [document.body.innerText, ...labels].join('\n');
	});
}

function englishLeftIn(text: string): string[] {
	return englishLabels.filter((label) => {
		const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		return new RegExp(`(?<![A-Za-z])${escaped}(?![A-Za-z])`).test(text);
	});
}

const browserLocale: Record<LocaleTag, string> = { en: 'en-GB', 'zh-Hans': 'zh-Hans', 'zh-Hant': 'zh-Hant' };

for (const locale of localeTags) {
	test.describe(() => {
		test.use({ locale: browserLocale[locale] });

		test(`the resident home and unit page read fully in ${locale}`, { tag: '@phone' }, async ({ page }) => {
			const words = messages('resident', locale);
			await signIn(page, 'resident@lobby.test', { locale });
			await expect(page).toHaveURL(/\/app\/?$/);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			for (const key of ['resident_units_title', 'resident_household_title', 'resident_cases_title', 'resident_account_title']) {
				await expect(page.getByRole('heading', { level: 2, name: words[key] })).toBeVisible();
			}
			await expect(page.getByText(words.resident_cases_empty_title!)).toBeVisible();
			if (locale !== 'en') expect(englishLeftIn(await pageWords(page)), 'English labels on the home page').toEqual([]);
			await page.screenshot({ path: `test-results/resident-home-${locale}.png`, fullPage: true });

			await page.locator('a[href^="/app/units/"]').first().click();
			await expect(page).toHaveURL(/\/app\/units\/[0-9a-f-]{36}$/);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			for (const key of ['resident_unit_facts', 'resident_occupants_title', 'resident_household_members', 'resident_emergency_title']) {
				await expect(page.getByRole('heading', { level: 2, name: words[key] })).toBeVisible();
			}
			await expect(page.getByText(words.resident_member_add!)).toBeVisible();
			if (locale !== 'en') expect(englishLeftIn(await pageWords(page)), 'English labels on the unit page').toEqual([]);
			await page.screenshot({ path: `test-results/resident-unit-${locale}.png`, fullPage: true });
		});
	});
}

test('the leak check itself finds an English label in a Chinese text', () => {
	expect(englishLeftIn('我的單元 Household members 住戶成員')).toContain(messages('resident').resident_household_members);
	expect(englishLeftIn('Chan Tai Man 陳大文 · Spouse 配偶')).toEqual([]);
});
