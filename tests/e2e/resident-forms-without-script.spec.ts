import { expect, test } from '@playwright/test';
import { fill, messages } from './messages.ts';
import { signIn } from './sign-in.ts';

/**
 * The resident forms that no longer carry superforms in the browser (profile, household, bills)
 * are plain forms the server validates: without JavaScript they post, answer with translated
 * messages at the fields and keep what was typed.
 */
test.describe('resident forms without JavaScript, in 繁體中文', () => {
	test.use({ javaScriptEnabled: false, locale: 'zh-Hant' });
	const common = messages('common', 'zh-Hant');
	const resident = messages('resident', 'zh-Hant');
	const auth = messages('auth', 'zh-Hant');
	const payments = messages('payments', 'zh-Hant');

	test(
		'the unit page refuses a bad phone at the field, keeps the typed name, then adds the member',
		{ tag: '@phone' },
		async ({ page }) => {
			// neighbour@lobby.test rents Block B 8C; other journeys leave its household as the demo made it.
			await signIn(page, 'neighbour@lobby.test', { locale: 'zh-Hant' });
			await page.locator('a[href^="/app/units/"]', { hasText: '8C' }).first().click();
			await page.getByText(resident.resident_member_add!).click();
			await page.locator('#member-name').fill('Wong Siu Ching 黃小晴');
			await page.locator('#member-relation').fill(resident.resident_relation_child!);
			await page.locator('#member-phone').fill('phone?');
			await page.getByRole('button', { name: resident.resident_member_add_submit }).click();
			await expect(page.locator('#member-phone-error')).toHaveText(common.field_phone_invalid!);
			await expect(page.locator('#member-name')).toHaveValue('Wong Siu Ching 黃小晴');
			await expect(page.locator('#member-phone')).toHaveAttribute('aria-invalid', 'true');
			await page.screenshot({ path: 'test-results/no-script-unit-error-phone.png', fullPage: true });

			await page.locator('#member-phone').fill('');
			await page.getByRole('button', { name: resident.resident_member_add_submit }).click();
			await expect(page.getByRole('status')).toHaveText(fill(resident.resident_member_added!, { name: 'Wong Siu Ching 黃小晴' }));
			await expect(page.getByText('Wong Siu Ching 黃小晴').first()).toBeVisible();
			// Added: the form is empty again for the next one.
			await expect(page.locator('#member-name')).toHaveValue('');
			await page.getByRole('button', { name: new RegExp(`Wong Siu Ching`) }).click();
		}
	);

	test('the profile keeps a bad phone with its message, then saves', { tag: '@phone' }, async ({ page }) => {
		await signIn(page, 'resident034@example.test', { locale: 'zh-Hant' });
		await page.goto('/app/profile');
		await expect(page.getByRole('heading', { level: 1, name: auth.auth_profile_title })).toBeVisible();
		const name = await page.locator('#name').inputValue();
		await page.locator('#phone').fill('12');
		await page.getByRole('button', { name: common.form_save }).click();
		await expect(page.locator('#phone-error')).toBeVisible();
		expect(await page.locator('#phone-error').innerText()).not.toMatch(/[A-Za-z]{3,}/);
		await expect(page.locator('#phone')).toHaveValue('12');
		await expect(page.locator('#name')).toHaveValue(name);

		await page.locator('#phone').fill('+852 9123 4567');
		await page.getByRole('button', { name: common.form_save }).click();
		await expect(page.getByRole('status')).toHaveText(common.form_saved!);
		await expect(page.locator('#phone')).toHaveValue('+852 9123 4567');
	});

	test('the bills page pays with no bill ticked: told at the list, then pays', { tag: '@phone' }, async ({ page }) => {
		// resident036 is kept for this journey (page-weight pays as resident040).
		await signIn(page, 'resident036@example.test', { locale: 'zh-Hant' });
		await page.goto('/app/bills');
		// Its words follow the ticked total ("pay ¥638.39", or "pay" with none ticked).
		const payButton = page.locator('form.pay-form button[type="submit"]');
		for (const box of await page.getByRole('checkbox').all()) await box.uncheck();
		await payButton.click();
		await expect(page.locator('.field-error').first()).toHaveText(payments.payments_no_bills!);
		await page.screenshot({ path: 'test-results/no-script-bills-error-phone.png', fullPage: true });

		await page.getByRole('checkbox').first().check();
		await payButton.click();
		await expect(page).toHaveURL(/\/pay\/sandbox\//);
	});
});
