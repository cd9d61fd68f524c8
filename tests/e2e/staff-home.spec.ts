import { expect, test, type Page } from '@playwright/test';
import { fill, messages } from './messages.ts';
import { signIn } from './sign-in.ts';

const t = messages('staff-home');
const notify = messages('notify');
const nav = { ...messages('repairs'), ...messages('admin') };
const shots = process.env.SHOTS_DIR ?? 'test-results';
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Nothing may stick out sideways. */
async function expectNoSideScroll(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

/** The header's inbox link, whose name carries the unread count ("Inbox (3 unread)"), and that count. */
async function unreadInHeader(page: Page): Promise<number> {
	const inbox = page.locator('header').getByRole('link', { name: new RegExp(`^${notify.notify_nav_inbox}`) });
	await expect(inbox).toBeVisible();
	const name = (await inbox.textContent()) ?? '';
	const count = /\((\d+)/.exec(name)?.[1];
	return count ? Number(count) : 0;
}

test('customer service sees what waits at the desk and its unread notices', async ({ page }) => {
	await signIn(page, 'service@lobby.test');
	await page.goto('/staff');
	for (const title of [t.staffhome_repairs_mine, t.staffhome_repairs_unowned, t.staffhome_callbacks_mine, t.staffhome_renovations]) {
		await expect(page.getByRole('region', { name: title })).toBeVisible();
	}
	// The supervisor's quotes are not the desk's.
	await expect(page.getByRole('region', { name: t.staffhome_repairs_quotes })).toHaveCount(0);

	// The badge says what the inbox says.
	const unread = await unreadInHeader(page);
	expect(unread).toBeGreaterThan(0);
	await expect(page.locator('header .count')).toHaveText(String(unread));
	await page.screenshot({ path: `${shots}/staff-home-desk-1280.png`, fullPage: true });
	await expectNoSideScroll(page);

	// A section's link opens its list, filtered as the section counts.
	const callbacks = page.getByRole('region', { name: t.staffhome_callbacks_mine });
	await callbacks
		.getByRole('link', { name: new RegExp(`${fill(t.staffhome_see_all!, { count: '\\d+' })}|${t.staffhome_open_list}`) })
		.click();
	await expect(page).toHaveURL(/\/staff\/callbacks\?mine=1$/);

	// Other journeys file cases for the desk meanwhile: the badge and the inbox agree on one page.
	await page.goto('/staff/inbox');
	await expect(page.locator('main')).toContainText(fill(notify.notify_unread_count!, { count: await unreadInHeader(page) }));

	// The groups at 1280 px: every link of the admin-free desk in one row of groups.
	await page.goto('/staff');
	const menu = page.getByRole('navigation', { name: nav.admin_nav_label });
	await menu.getByText(t.staffhome_nav_cases!, { exact: true }).click();
	await expect(menu.getByRole('link', { name: nav.repairs_nav_callbacks, exact: true })).toBeVisible();
	await page.screenshot({ path: `${shots}/staff-home-desk-menu-1280.png` });
});

/** The desk takes a phoned-in leak for Block A 12A and assigns it to Tang Kwok Wai: its reference. */
async function assignToTang(page: Page): Promise<string> {
	const r = messages('repairs-staff');
	await signIn(page, 'service@lobby.test');
	await page.goto('/staff/repairs/new');
	await page.getByLabel(r.repairs_staff_building!).selectOption({ label: 'A · Block A A座' });
	await page.getByLabel(r.repairs_staff_unit_number!).fill('12a');
	await page.getByRole('button', { name: r.repairs_staff_find_unit }).click();
	await page.getByLabel(r.repairs_staff_requester!).selectOption({ index: 1 });
	await page.getByLabel(r.repairs_staff_kind!).selectOption({ label: 'Water pipes / leak' });
	await page.getByLabel(r.repairs_staff_location_detail!).fill('Bathroom');
	await page.getByLabel(r.repairs_staff_description!).fill('The bathroom tap leaks');
	await page.getByLabel(r.repairs_staff_contact_name!).fill('Chan Tai Man');
	await page.getByLabel(r.repairs_staff_contact_phone!).fill('+852 9123 4567');
	await page.getByRole('button', { name: r.repairs_staff_new_submit }).click();
	await expect(page).toHaveURL(/\/staff\/repairs\/[0-9a-f-]{36}\?entered=1$/);
	const reference = (await page.getByRole('heading', { level: 1 }).textContent())!.match(/R\d{6}/)![0];
	const assign = page.locator('#assign');
	await assign.getByLabel(r.repairs_staff_technician!, { exact: true }).selectOption({ label: 'Tang Kwok Wai 鄧國偉' });
	await assign.getByRole('button', { name: r.repairs_staff_assign_submit, exact: true }).click();
	await expect(
		page.getByRole('status').filter({ hasText: fill(r.repairs_staff_done_assigned!, { name: 'Tang Kwok Wai 鄧國偉' }) })
	).toBeVisible();
	return reference;
}

test(
	'an engineer on a phone sees its own repairs, and reaches a page through a group of the menu',
	{ tag: '@phone' },
	async ({ browser }) => {
		const desk = await browser.newContext({ viewport: { width: 1280, height: 800 } });
		const reference = await assignToTang(await desk.newPage());
		await desk.close();

		const context = await browser.newContext(phone);
		const page = await context.newPage();
		await signIn(page, 'engineer@lobby.test');
		await page.goto('/staff');
		// The order just assigned is in the engineer's list, and its notice in the inbox's count.
		const mine = page.getByRole('region', { name: t.staffhome_repairs_mine });
		await expect(mine.getByRole('link', { name: reference })).toBeVisible();
		expect(await unreadInHeader(page)).toBeGreaterThan(0);
		// Not the desk's, nor callbacks (the engineer does none).
		await expect(page.getByRole('region', { name: t.staffhome_repairs_unowned })).toHaveCount(0);
		await expect(page.getByRole('region', { name: t.staffhome_callbacks_mine })).toHaveCount(0);
		await expectNoSideScroll(page);
		await page.screenshot({ path: `${shots}/staff-home-engineer-390.png`, fullPage: true });

		// The menu: a group opens as a disclosure and its links are reachable on the phone.
		const menu = page.getByRole('navigation', { name: nav.admin_nav_label });
		const cases = menu.locator('summary', { hasText: t.staffhome_nav_cases });
		await cases.click();
		const repairs = menu.getByRole('link', { name: nav.repairs_nav, exact: true });
		await expect(repairs).toBeVisible();
		await expectNoSideScroll(page);
		await page.screenshot({ path: `${shots}/staff-home-engineer-menu-390.png` });
		await repairs.click();
		await expect(page).toHaveURL(/\/staff\/repairs$/);
		// The page's group is marked, the menu closed again, and the page link is the current one.
		await expect(cases).toContainText(t.staffhome_nav_current!);
		await expect(menu.locator('details[open]')).toHaveCount(0);
		await expect(menu.locator('a[href="/staff/repairs"]')).toHaveAttribute('aria-current', 'page');

		// Keyboard: Escape closes an open group and gives the focus back to it.
		await cases.focus();
		await page.keyboard.press('Enter');
		await expect(menu.locator('details[open]')).toHaveCount(1);
		await page.keyboard.press('Escape');
		await expect(menu.locator('details[open]')).toHaveCount(0);
		await expect(cases).toBeFocused();
		await context.close();
	}
);

test('an admin’s whole menu fits a phone: every group shown, the admin group’s links reachable', { tag: '@phone' }, async ({ page }) => {
	await signIn(page, 'admin@lobby.test');
	await page.goto('/staff');
	const menu = page.getByRole('navigation', { name: nav.admin_nav_label });
	for (const group of [t.staffhome_nav_cases, t.staffhome_nav_fees, t.staffhome_nav_reports, t.staffhome_nav_admin]) {
		await expect(menu.locator('summary', { hasText: group })).toBeInViewport();
	}
	await menu.locator('summary', { hasText: t.staffhome_nav_admin }).click();
	const audit = menu.getByRole('link', { name: messages('admin').admin_nav_audit, exact: true });
	await expect(audit).toBeInViewport();
	await expectNoSideScroll(page);
	await page.screenshot({ path: `${shots}/staff-home-admin-menu-390.png` });
	await audit.click();
	await expect(page).toHaveURL(/\/staff\/admin\/audit$/);
});
