import { expect, test, type Browser } from '@playwright/test';
import { messages } from './messages.ts';
import { signIn } from './sign-in.ts';

const admin = messages('admin');

/** A real unit's registry address, found the way customer service would find it. */
async function someUnitPath(browser: Browser): Promise<string> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, 'service@lobby.test');
	await page.goto('/staff/registry/units?q=12A');
	const href = await page.locator('tbody a[href^="/staff/registry/units/"]').first().getAttribute('href');
	await context.close();
	expect(href).toMatch(/^\/staff\/registry\/units\/[0-9a-f-]{36}$/);
	return href as string;
}

test('finance staff get 403 on every registry page and action, and see no registry link', async ({ browser, page, baseURL }) => {
	const unitPath = await someUnitPath(browser);
	await signIn(page, 'finance@lobby.test');
	await expect(page).toHaveURL(/\/staff\/?$/);

	const nav = page.getByRole('navigation', { name: admin.admin_nav_label });
	await expect(nav.getByRole('link', { name: messages('common').nav_home })).toBeVisible();
	await expect(nav.getByRole('link', { name: admin.admin_nav_registry })).toHaveCount(0);

	for (const path of ['/staff/registry', '/staff/registry/units', unitPath, '/staff/registry/import']) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(403);
	}

	// Form posts the way a browser without JavaScript sends them, from the portal's own origin.
	const origin = { Origin: baseURL as string };
	const update = await page.request.post(`${unitPath}?/update`, { headers: origin, form: { areaM2: '1.00', use: 'retail' } });
	expect(update.status()).toBe(403);
	const estate = await page.request.post('/staff/registry?/estate', {
		headers: origin,
		form: { code: 'FIN', name: 'Finance Estate', kind: 'residential', address: '' }
	});
	expect(estate.status()).toBe(403);
	const upload = await page.request.post('/staff/registry/import', {
		headers: origin,
		multipart: {
			file: {
				name: 'units.csv',
				mimeType: 'text/csv',
				buffer: Buffer.from('estate_code,building_code,floor,unit_number,area_m2,use\r\nHVG,FIN,1,FINX1,50,office\r\n')
			}
		}
	});
	expect(upload.status()).toBe(403);

	// …and none of them changed anything.
	const context = await browser.newContext();
	const service = await context.newPage();
	await signIn(service, 'service@lobby.test');
	await service.goto('/staff/registry');
	await expect(service.getByRole('cell', { name: 'FIN', exact: true })).toHaveCount(0);
	await service.goto('/staff/registry/units?q=FINX1');
	await expect(service.getByText(messages('registry').registry_no_units!)).toBeVisible();
	await context.close();
});

test('customer service sees the registry link and opens the registry', async ({ page }) => {
	await signIn(page, 'service@lobby.test');
	const nav = page.getByRole('navigation', { name: admin.admin_nav_label });
	// The registry sits in the Property group with moves and the units' files.
	await nav.getByText(messages('staff-home').staffhome_nav_property!, { exact: true }).click();
	await nav.getByRole('link', { name: admin.admin_nav_registry }).click();
	await expect(page).toHaveURL(/\/staff\/registry$/);
	await expect(page.getByRole('heading', { level: 1, name: messages('registry').registry_title })).toBeVisible();
});
