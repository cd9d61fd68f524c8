import { expect, test, type Page } from '@playwright/test';
import { fill, messages } from './messages.ts';
import { signIn } from './sign-in.ts';

const t = messages('repairs-staff');
// "Arrival recorded at 10:05…": the start of the message whatever the time and how late.
const arrivalRecorded = messages('repair-visits').visits_done_arrived!.split('{time}')[0]!.trim();
const states = messages('repairs-resident');
const shots = process.env.SHOTS_DIR ?? 'test-results';
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Nothing may stick out sideways on a phone. */
async function expectNoSideScroll(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
}

test('the desk enters and assigns a repair; the technician works it on a phone', { tag: '@phone' }, async ({ browser }) => {
	// Customer service, at a desk: a resident phones in a leak.
	const desk = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const service = await desk.newPage();
	await signIn(service, 'service@lobby.test');
	await service.goto('/staff/repairs');
	await service.getByRole('link', { name: t.repairs_staff_new_button }).click();
	await service.getByLabel(t.repairs_staff_building!).selectOption({ label: 'A · Block A A座' });
	await service.getByLabel(t.repairs_staff_unit_number!).fill('12a');
	await service.getByRole('button', { name: t.repairs_staff_find_unit }).click();
	await expect(service.getByText('Block A A座 · 12A')).toBeVisible();

	await service.getByLabel(t.repairs_staff_requester!).selectOption({ index: 1 });
	await service.getByLabel(t.repairs_staff_kind!).selectOption({ label: 'Water pipes / leak' });
	await service.getByLabel(t.repairs_staff_location_detail!).fill('Kitchen sink');
	await service.getByLabel(t.repairs_staff_description!).fill('Water drips from the pipe under the kitchen sink');
	await service.getByLabel(t.repairs_staff_contact_name!).fill('Chan Tai Man');
	await service.getByLabel(t.repairs_staff_contact_phone!).fill('+852 9123 4567');
	await service.getByLabel(t.repairs_staff_enter_when_absent!).check();
	await service.getByRole('button', { name: t.repairs_staff_new_submit }).click();
	await expect(service).toHaveURL(/\/staff\/repairs\/[0-9a-f-]{36}\?entered=1$/);
	const reference = (await service.getByRole('heading', { level: 1 }).textContent())!.match(/R\d{6}/)![0];
	await expect(service.getByRole('status').filter({ hasText: fill(t.repairs_staff_entered!, { reference }) })).toBeVisible();
	const orderUrl = service.url().replace(/\?.*$/, '');

	// Assign it by hand to Tang Kwok Wai.
	const assign = service.locator('#assign');
	await assign.getByLabel(t.repairs_staff_technician!, { exact: true }).selectOption({ label: 'Tang Kwok Wai 鄧國偉' });
	await assign.getByRole('button', { name: t.repairs_staff_assign_submit, exact: true }).click();
	await expect(
		service.getByRole('status').filter({ hasText: fill(t.repairs_staff_done_assigned!, { name: 'Tang Kwok Wai 鄧國偉' }) })
	).toBeVisible();
	await expect(service.locator('.order-head')).toContainText(states.repairs_state_assigned!);

	await service.goto('/staff/repairs');
	await expect(service.getByRole('link', { name: reference })).toBeVisible();
	await service.screenshot({ path: `${shots}/staff-repairs-queue-desktop.png`, fullPage: true });
	await desk.close();

	// The technician, on a phone.
	const field = await browser.newContext(phone);
	const engineer = await field.newPage();
	await signIn(engineer, 'engineer@lobby.test');
	await engineer.goto('/staff/repairs');
	await expect(engineer.getByRole('link', { name: reference })).toBeVisible();
	await expectNoSideScroll(engineer);
	await engineer.screenshot({ path: `${shots}/staff-repairs-queue-phone.png`, fullPage: true });

	await engineer.getByRole('link', { name: reference }).click();
	await expect(engineer).toHaveURL(orderUrl);
	// Opening it records nothing; receiving the order (工程部接單) is the technician's own button.
	await expect(engineer.getByText('Water drips from the pipe under the kitchen sink')).toBeVisible();
	await expect(engineer.locator('dt', { hasText: t.repairs_staff_technician_received })).toHaveCount(0);
	await engineer.getByRole('button', { name: t.repairs_staff_receive_submit }).click();
	await expect(engineer.getByRole('status').filter({ hasText: t.repairs_staff_done_received! })).toBeVisible();
	await expect(engineer.locator('dt', { hasText: t.repairs_staff_technician_received })).toBeVisible();
	await expect(engineer.getByRole('button', { name: t.repairs_staff_receive_submit })).toHaveCount(0);
	await expectNoSideScroll(engineer);
	await engineer.screenshot({ path: `${shots}/staff-repair-order-phone.png`, fullPage: true });

	await engineer.getByRole('button', { name: t.repairs_staff_start_submit }).click();
	await expect(engineer.getByRole('status').filter({ hasText: arrivalRecorded })).toBeVisible();
	await expect(engineer.locator('.order-head')).toContainText(states.repairs_state_in_progress!);

	const material = engineer.locator('#material');
	await material.getByLabel(t.repairs_staff_material_name!, { exact: true }).fill('Pipe washer 15 mm');
	await material.getByLabel(t.repairs_staff_quantity!, { exact: true }).fill('2');
	await material.getByRole('button', { name: t.repairs_staff_material_submit }).click();
	await expect(engineer.getByRole('status').filter({ hasText: t.repairs_staff_done_material! })).toBeVisible();
	await expect(engineer.locator('.materials')).toContainText('Pipe washer 15 mm');

	await engineer.getByLabel(t.repairs_staff_work_summary!).fill('Replaced the washer; no more dripping');
	await engineer.getByRole('button', { name: t.repairs_staff_complete_submit }).click();
	await expect(engineer.getByRole('status').filter({ hasText: t.repairs_staff_done_completed! })).toBeVisible();
	await expect(engineer.locator('.order-head')).toContainText(states.repairs_state_awaiting_signoff!);
	await expect(engineer.getByRole('heading', { name: t.repairs_staff_sign_off_title })).toBeVisible();
	await expectNoSideScroll(engineer);
	await engineer.screenshot({ path: `${shots}/staff-repair-order-phone-done.png`, fullPage: true });
	await field.close();
});
