import { expect, test } from '@playwright/test';
import { messages } from './messages.ts';
import { signIn } from './sign-in.ts';

const admin = messages('admin');
const common = messages('common');
const registry = messages('registry');

test('customer service finds a flat by its occupant and opens its record', async ({ page }) => {
	await signIn(page, 'service@lobby.test');
	await expect(page).toHaveURL(/\/staff\/?$/);
	await page.getByRole('navigation', { name: admin.admin_nav_label }).getByRole('link', { name: admin.admin_nav_registry }).click();
	await page.getByRole('main').getByRole('link', { name: registry.registry_units, exact: true }).click();
	await expect(page).toHaveURL(/\/staff\/registry\/units$/);

	await page.getByRole('searchbox', { name: common.search }).fill('Chan Tai Man');
	await page.getByRole('button', { name: registry.registry_apply_filters }).click();
	await expect(page).toHaveURL(/[?&]q=Chan\+Tai\+Man/);
	const rows = page.locator('tbody tr');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('12A');
	await page.screenshot({ path: 'test-results/staff-registry-search-desktop.png', fullPage: true });

	await rows.first().getByRole('link', { name: '12A' }).click();
	await expect(page).toHaveURL(/\/staff\/registry\/units\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('12A');
	await expect(page.getByText('Chan Tai Man 陳大文').first()).toBeVisible();
	await page.screenshot({ path: 'test-results/staff-unit-desktop.png', fullPage: true });
});
