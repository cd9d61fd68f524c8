import { expect, test } from '@playwright/test';
import { fill, messages } from './messages.ts';
import { signIn } from './sign-in.ts';

const t = messages('goods-release');
const shots = process.env.SHOTS_DIR ?? 'test-results';
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

test('a goods release slip goes from the resident through the desk to the gate, and releases once @phone', async ({ browser }) => {
	test.setTimeout(120_000);

	// The resident asks for a slip for today, from its unit's page, on a phone.
	const resident = await browser.newContext(phone);
	const home = await resident.newPage();
	await signIn(home, 'resident@lobby.test');
	await home.goto('/app');
	await home.locator('a[href^="/app/units/"]').first().click();
	await home.getByRole('link', { name: t.releases_unit_link }).click();
	await expect(home.getByRole('heading', { level: 1, name: t.releases_title })).toBeVisible();
	await home.getByLabel(t.releases_field_items!).fill('Bookshelf\nBoxes x 3');
	await home.getByLabel(t.releases_field_vehicle!).fill('xy 2026');
	await home.getByRole('button', { name: t.releases_request_submit }).click();
	const done = home.getByRole('status');
	await expect(done).toContainText(/G\d{6}/);
	const number = /G\d{6}/.exec((await done.textContent()) ?? '')![0];
	const releasesPage = home.url().replace(/\?.*$/, '');

	// Customer service issues it from the desk's queue.
	const desk = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const deskPage = await desk.newPage();
	await signIn(deskPage, 'service@lobby.test');
	await deskPage.goto('/staff/releases');
	await deskPage.locator(`#slip-${number}`).getByRole('button', { name: t.releases_issue, exact: true }).click();
	await expect(deskPage.getByRole('status')).toHaveText(fill(t.releases_issued_done!, { number }));
	await deskPage.screenshot({ path: `${shots}/goods-release-desk-1280.png`, fullPage: true });

	// The resident's slip now shows its QR code and number to show at the gate.
	await home.goto(releasesPage);
	const slip = home.locator(`#slip-${number}`);
	await expect(slip.getByRole('img', { name: fill(t.releases_qr_alt!, { number }) })).toBeVisible();
	await home.screenshot({ path: `${shots}/goods-release-resident-390.png`, fullPage: true });

	// The guard, on a phone: the number the resident reads out opens the same page as the QR code.
	const gate = await browser.newContext(phone);
	const guard = await gate.newPage();
	await signIn(guard, 'security@lobby.test');
	await guard.goto('/staff/gate');
	await guard.getByLabel(t.releases_gate_number!).fill(number.toLowerCase());
	await guard.getByRole('button', { name: t.releases_gate_open }).click();
	await expect(guard).toHaveURL(/\/staff\/gate\/[a-z2-9]{20}$/);
	const slipUrl = guard.url();
	await expect(guard.getByText('Boxes × 3')).toBeVisible();
	await expect(guard.getByText('XY 2026')).toBeVisible();
	await guard.screenshot({ path: `${shots}/goods-release-gate-390.png`, fullPage: true });
	await guard.getByLabel(t.releases_gate_note!).fill('Checked against the list');
	await guard.getByRole('button', { name: t.releases_gate_release }).click();
	await expect(guard.getByRole('status')).toHaveText(t.releases_gate_released_done!);

	// A second scan (the QR link opened again) is refused, saying when and by whom.
	const again = await gate.newPage();
	await again.goto(slipUrl);
	await expect(again.getByRole('alert')).toContainText(t.releases_gate_stop!);
	await expect(again.getByRole('alert')).toContainText(/Already released at \d{1,2}:\d{2}/);
	await expect(again.getByRole('button', { name: t.releases_gate_release })).toHaveCount(0);
	await again.screenshot({ path: `${shots}/goods-release-gate-refused-390.png`, fullPage: true });

	// A code that opens no slip says so plainly (404), with the way back.
	const unknown = await again.goto('/staff/gate/abcdefghijkmnpqrstuv');
	expect(unknown?.status()).toBe(404);
	await expect(again.getByRole('alert')).toHaveText(t.releases_unknown_slip!);
	for (const context of [resident, desk, gate]) await context.close();
});
