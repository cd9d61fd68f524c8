import { expect, test, type Page } from '@playwright/test';
import { fill, messages } from './messages.ts';
import { signIn } from './sign-in.ts';

const auth = messages('auth');
const common = messages('common');

/** The company admin's own company page (admin@acme.test administers Acme Trading). */
async function companyPage(page: Page) {
	await signIn(page, 'admin@acme.test');
	await page.goto('/app/company', { waitUntil: 'networkidle' });
	await expect(page).toHaveURL(/\/app\/company\/[0-9a-f-]{36}$/);
}

async function invite(page: Page, email: string) {
	// The form hydrates after it is drawn: typing before that is drawn over (a loaded CI machine sent
	// "not-an-addresscolleague-js@acme.test", the refused value with the new one typed after it).
	await page.waitForLoadState('networkidle');
	const field = page.getByLabel(auth.auth_email!);
	await field.fill(email);
	await expect(field).toHaveValue(email);
	await page.getByRole('button', { name: auth.auth_company_invite_submit }).click();
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
		test.use({ javaScriptEnabled });

		test(
			'a company admin invites a colleague on a phone: a wrong address is refused at the field, a right one is sent and pending',
			{ tag: '@phone' },
			async ({ page }) => {
				await companyPage(page);
				await invite(page, 'not-an-address');
				await expect(page.locator('#email-error')).toHaveText(common.field_email_invalid!);
				await expect(page.getByLabel(auth.auth_email!)).toHaveValue('not-an-address');
				await expect(page.getByLabel(auth.auth_email!)).toHaveAttribute('aria-invalid', 'true');

				// A retry (or a repeat) invites someone new: the first attempt's invitation is still pending.
				const again = test.info().retry + 10 * test.info().repeatEachIndex;
				const email = `colleague-${javaScriptEnabled ? 'js' : 'plain'}${again ? `-${again}` : ''}@acme.test`;
				await invite(page, email);
				await expect(page.getByRole('status')).toHaveText(fill(auth.auth_company_invite_sent!, { email }));
				await expect(page.getByLabel(auth.auth_email!)).toHaveValue('');
				await expect(page.locator('#email-error')).toHaveCount(0);
				await expect(page.getByRole('listitem').filter({ hasText: email })).toBeVisible();
				await page.screenshot({ path: `test-results/company-invite-${javaScriptEnabled ? 'js' : 'plain'}-phone.png`, fullPage: true });
			}
		);
	});
}
