import { expect, test } from '@playwright/test';
import { messages } from './messages.ts';
import { signIn } from './sign-in.ts';
import { DEFAULT_TIME_ZONE } from '../../src/lib/time/zone.ts';

const admin = messages('admin');
const common = messages('common');
const registry = messages('registry');

test('customer service finds a flat by its occupant and opens its record', async ({ page }) => {
	await signIn(page, 'service@lobby.test');
	await expect(page).toHaveURL(/\/staff\/?$/);
	const nav = page.getByRole('navigation', { name: admin.admin_nav_label });
	// The registry sits in the Property group with moves and the units' files.
	await nav.getByText(messages('staff-home').staffhome_nav_property!, { exact: true }).click();
	await nav.getByRole('link', { name: admin.admin_nav_registry }).click();
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

test("staff see a let flat's household under the renter's occupancy, and the audit log in the estate office's time", async ({ page }) => {
	await signIn(page, 'admin@lobby.test');
	await page.goto('/staff/registry/units?q=neighbour%40lobby.test');
	const rows = page.locator('tbody tr');
	await expect(rows).toHaveCount(1);
	await rows.first().getByRole('link', { name: '8C' }).click();
	await expect(page.getByRole('heading', { level: 3, name: /Wong/ }).first()).toBeVisible();
	await expect(page.getByText('Wong Siu Wah 黃小華')).toBeVisible();
	await page.screenshot({ path: 'test-results/staff-let-flat-desktop.png', fullPage: true });

	// Reading an outbox message is audited; the audit log shows when, in Hong Kong time.
	await page.goto('/staff/admin/outbox');
	await page.locator('tbody tr').first().getByRole('link').click();
	await page.getByRole('button', { name: admin.admin_outbox_read }).click();
	await expect(page.locator('pre')).toBeVisible();
	const clock = (at: Date) =>
		new Intl.DateTimeFormat('en', { timeZone: DEFAULT_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
	const now = new Date();
	await page.goto('/staff/admin/audit');
	// Other journeys write audit rows at the same moment: the newest reading of an outbox message, in words.
	const newest = page.locator('tbody tr').filter({ hasText: admin.admin_audit_did_outbox_read! }).first();
	await expect(newest).toBeVisible();
	const shown = (await newest.locator('time').textContent()) ?? '';
	expect(
		[clock(now), clock(new Date(now.getTime() - 60_000)), clock(new Date(now.getTime() + 60_000))].some((hhmm) => shown.includes(hhmm))
	).toBe(true);
	await page.screenshot({ path: 'test-results/staff-audit-desktop.png', fullPage: false });
});
