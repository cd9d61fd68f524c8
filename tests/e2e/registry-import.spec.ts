import { expect, test } from '@playwright/test';
import { fill, messages } from './messages.ts';
import { signIn } from './sign-in.ts';

const registry = messages('registry');

// Line 1 is the header; lines 3 and 5 are bad. Its own building, so no other journey sees it.
const csv = [
	'estate_code,building_code,building_name,floor,unit_number,area_m2,use,resident_name,resident_email,resident_phone,occupancy_role,occupancy_start,company_name',
	'HVG,E2E,E2E Block 測試座,1,E2E1A,61.5,residential,Fok Wai Man 霍偉文,e2e-import@example.test,+852 5555 0101,owner,2024-01-15,',
	'HVG,E2E,E2E Block 測試座,1,E2E1B,-5,residential,,,,,,',
	'HVG,E2E,E2E Block 測試座,2,E2E2A,72,residential,,,,,,',
	'HVG,E2E,E2E Block 測試座,2,E2E2B,80,garage,,,,,,'
].join('\r\n');
const file = { name: 'units-with-bad-rows.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };

test('a CSV with bad rows names each bad line and imports nothing, until the good rows are chosen', async ({ page }) => {
	await signIn(page, 'manager@lobby.test');
	await page.goto('/staff/registry/import');

	await page.getByLabel(registry.registry_import_file!).setInputFiles(file);
	await page.getByRole('button', { name: registry.registry_import_submit, exact: true }).click();
	await expect(page.getByRole('alert')).toContainText(fill(registry.registry_import_rejected!, { count: 2, total: 4 }));
	const errors = page.locator('ul.errors li');
	await expect(errors).toHaveCount(2);
	await expect(errors.nth(0)).toHaveText(
		fill(registry.registry_import_line!, { line: 3, reasons: registry.registry_import_area_invalid! })
	);
	await expect(errors.nth(1)).toHaveText(fill(registry.registry_import_line!, { line: 5, reasons: registry.registry_import_use_invalid! }));

	await page.goto('/staff/registry/units?q=E2E');
	await expect(page.getByText(registry.registry_no_units!)).toBeVisible();

	await page.goto('/staff/registry/import');
	await page.getByLabel(registry.registry_import_file!).setInputFiles(file);
	await page.getByLabel(registry.registry_import_good_rows!).check();
	await page.getByRole('button', { name: registry.registry_import_submit, exact: true }).click();
	await expect(page.getByRole('heading', { name: fill(registry.registry_import_done!, { rows: 4 }) })).toBeVisible();
	await expect(page.getByRole('status')).toContainText(fill(registry.registry_import_skipped!, { count: 2 }));
	const unitsRow = page.getByRole('row', { name: new RegExp(`^${registry.registry_units}`) });
	await expect(unitsRow.getByRole('cell').first()).toHaveText('2');
	await expect(errors).toHaveCount(2);
	await page.screenshot({ path: 'test-results/registry-import-good-rows-desktop.png', fullPage: true });

	await page.goto('/staff/registry/units?q=E2E');
	const rows = page.locator('tbody tr');
	await expect(rows).toHaveCount(2);
	await expect(rows.filter({ hasText: 'E2E1A' })).toContainText('Fok Wai Man 霍偉文');
	await expect(rows.filter({ hasText: 'E2E2A' })).toHaveCount(1);
});
