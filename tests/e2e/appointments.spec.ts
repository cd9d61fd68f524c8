import fs from 'node:fs';
import { expect, test, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { fill, messages } from './messages.ts';
import { signIn } from './sign-in.ts';

// Rule 2, a visit that cannot be kept: a resident (its own flat, so other journeys' repairs stay off
// its pages) reports a common-area light and picks a time; the technician confirms it, then cannot
// keep it and proposes another; the resident, on a phone and without JavaScript, picks another free
// slot instead; the technician, on a phone, sees the agreed time first, arrives, and the arrival is
// recorded against the appointment and counted in the statistics' on-time share.
const residentEmail = 'resident029@example.test';
const resident = messages('repairs-resident');
const staff = messages('repairs-staff');
const visits = messages('repair-visits');
const staffHome = messages('staff-home');
const admin = messages('admin');
const appointments = messages('appointments');
const phone: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const shots = process.env.SHOTS_DIR ?? 'test-results';

async function as(browser: Browser, email: string, options: BrowserContextOptions): Promise<Page> {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	await signIn(page, email);
	return page;
}

async function shot(page: Page, name: string) {
	fs.mkdirSync(shots, { recursive: true });
	await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

async function noSideScroll(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

/** A message with its {placeholders} standing for any text. */
function pattern(text: string): RegExp {
	return new RegExp(text.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '.+'));
}

/** An action card of the order page; a collapsed one (a <details>) is opened so its form can be filled. */
async function openCard(page: Page, id: string) {
	const card = page.locator(`#${id}`);
	await expect(card).toBeVisible();
	const collapsed = await card.evaluate((el) => el instanceof HTMLDetailsElement && !el.open);
	if (collapsed) await card.locator('summary').click();
	return card;
}

/** The on-time tile of the statistics page: "N of M within 15 min of the appointed start". */
async function onTime(page: Page): Promise<{ met: number; of: number }> {
	await page.goto('/staff/reports/repairs');
	const text = await page.locator('#on-time-arrival .muted').innerText();
	const [met, of] = (text.match(/\d+/g) ?? []).map(Number);
	return { met: met ?? NaN, of: of ?? NaN };
}

test(
	'a technician cannot keep a visit, the resident picks another slot on a phone, and the technician’s arrival is recorded against the agreed time',
	{ tag: '@phone' },
	async ({ browser }) => {
		test.setTimeout(150_000);
		const director = await as(browser, 'manager@lobby.test', desktop);
		const before = await onTime(director);

		// 1. The resident reports a common-area light and picks the first offered time.
		const filer = await as(browser, residentEmail, phone);
		// The form hydrates after it is drawn: typing before that would be drawn over.
		await filer.goto('/app/repairs/new', { waitUntil: 'networkidle' });
		await filer.getByLabel(resident.repairs_resident_kind!).selectOption({ label: 'Lighting' });
		await filer.getByLabel(resident.repairs_resident_location_common!, { exact: true }).check();
		const where = filer.getByLabel(resident.repairs_resident_where_common!);
		await where.fill('Lift lobby 7/F');
		await expect(where).toHaveValue('Lift lobby 7/F');
		await filer.getByLabel(resident.repairs_resident_description!).fill('Both ceiling lights of the lift lobby are out.');
		await filer.locator('input[type="radio"][name="slotId"]:not([value="call"])').first().check();
		await filer.getByRole('button', { name: resident.repairs_resident_submit }).click();
		await expect(filer).toHaveURL(/\/app\/repairs\/[0-9a-f-]{36}\?filed=1$/, { timeout: 30_000 });
		const caseUrl = filer.url().replace(/\?.*$/, '');
		const reference = (await filer.locator('.reference').first().innerText()).trim();
		const repairId = caseUrl.split('/').pop()!;
		await filer.context().close();

		// 2. Customer service assigns Tang Kwok Wai.
		const desk = await as(browser, 'service@lobby.test', desktop);
		await desk.goto(`/staff/repairs/${repairId}`);
		const assign = await openCard(desk, 'assign');
		await assign.getByLabel(staff.repairs_staff_technician!, { exact: true }).selectOption({ label: 'Tang Kwok Wai 鄧國偉' });
		await assign.getByRole('button', { name: staff.repairs_staff_assign_submit, exact: true }).click();
		await expect(
			desk.getByRole('status').filter({ hasText: fill(staff.repairs_staff_done_assigned!, { name: 'Tang Kwok Wai 鄧國偉' }) })
		).toBeVisible();

		// 3. The technician, on a phone, confirms the resident's time — then cannot keep it and proposes another.
		const tech = await as(browser, 'engineer@lobby.test', phone);
		await tech.goto(`/staff/repairs/${repairId}`);
		await noSideScroll(tech);
		// The next action comes first on a phone; the request's details after it.
		const todoTop = (await tech.locator('#todo-title').boundingBox())!.y;
		const detailsTop = (await tech.locator('#summary-title').boundingBox())!.y;
		expect(todoTop).toBeLessThan(detailsTop);
		await shot(tech, 'appointments-1-technician-390');
		const schedule = await openCard(tech, 'schedule');
		await schedule.getByRole('button', { name: staff.repairs_staff_schedule_confirm }).click();
		await expect(tech.getByRole('status').filter({ hasText: staff.repairs_staff_done_scheduled! })).toBeVisible();
		const miss = await openCard(tech, 'miss');
		await miss.getByLabel(staff.repairs_staff_reason!).fill('The lift lobby is closed for the lift inspection that day.');
		await miss.getByLabel(staff.repairs_staff_new_slot!).selectOption({ index: 1 });
		await miss.getByRole('button', { name: staff.repairs_staff_miss_submit }).click();
		await expect(tech.getByRole('status').filter({ hasText: visits.visits_done_proposed! })).toBeVisible();
		await expect(tech.locator('.glance').getByText(visits.visits_not_confirmed!)).toBeVisible();

		// The desk sees the proposal waiting, and could record the resident's answer given by phone.
		await desk.goto(`/staff/repairs/${repairId}`);
		await expect(desk.locator('#visit-answer')).toBeVisible();
		await expect(desk.getByText(pattern(visits.visits_staff_proposed_by!))).toBeVisible();
		await shot(desk, 'appointments-2a-desk-waiting-1280');
		await desk.goto('/staff/repairs?state=scheduled&unconfirmed=1');
		await expect(desk.getByRole('link', { name: reference, exact: true })).toBeVisible();

		// 4. The resident, on a phone without JavaScript, is asked to confirm and picks another free slot instead.
		const home = await as(browser, residentEmail, { ...phone, javaScriptEnabled: false });
		await home.goto(caseUrl);
		const proposal = home.getByRole('region', { name: visits.visits_resident_proposal_title });
		await expect(proposal).toBeVisible();
		await expect(proposal.getByText('The lift lobby is closed for the lift inspection that day.')).toBeVisible();
		await expect(proposal.getByRole('button', { name: visits.visits_resident_confirm })).toBeVisible();
		await noSideScroll(home);
		await shot(home, 'appointments-2-proposal-390');
		await proposal.locator('summary', { hasText: visits.visits_resident_choose_other! }).click();
		await proposal.locator('input[type="radio"][name="slotId"]').nth(2).check();
		await proposal.getByRole('button', { name: visits.visits_resident_choose_submit }).click();
		await expect(home.getByRole('status')).toHaveText(visits.visits_resident_done_chosen!);
		await expect(home.getByRole('region', { name: visits.visits_resident_proposal_title })).toHaveCount(0);
		const visit = home.getByRole('region', { name: resident.repairs_resident_visit });
		await expect(visit.getByText(pattern(visits.visits_resident_chosen!))).toBeVisible();
		const agreedTime = (await visit.locator('dd strong').first().innerText()).trim();
		await shot(home, 'appointments-3-chosen-390');

		// 5. The technician sees the agreed time and how it was agreed, arrives, and the arrival is recorded.
		await tech.goto(`/staff/repairs/${repairId}`);
		await expect(tech.locator('.glance .when')).toHaveText(agreedTime);
		await expect(tech.locator('.glance').getByText(visits.visits_not_confirmed!)).toHaveCount(0);
		await expect(tech.getByText(pattern(visits.visits_staff_chosen!))).toBeVisible();
		await tech.getByRole('button', { name: staff.repairs_staff_start_submit }).click();
		await expect(tech.getByRole('status').filter({ hasText: visits.visits_arrival_early! })).toBeVisible();
		await expect(tech.locator('dt', { hasText: visits.visits_arrived_at! })).toBeVisible();
		await noSideScroll(tech);
		await shot(tech, 'appointments-4-arrived-390');

		// The same order at 1280 px, for the desk.
		await desk.goto(`/staff/repairs/${repairId}`);
		await expect(desk.getByText(visits.visits_arrival_early!).first()).toBeVisible();
		await shot(desk, 'appointments-5-order-1280');

		// 6. The statistics count the arrival as on time.
		const after = await onTime(director);
		expect(after.of).toBe(before.of + 1);
		expect(after.met).toBe(before.met + 1);
		await shot(director, 'appointments-6-report-1280');

		// 7. The staff top bar on a phone: every group and link of the director's bar in view, nothing scrolls sideways.
		const lead = await as(browser, 'manager@lobby.test', phone);
		await lead.goto('/staff');
		await noSideScroll(lead);
		const bar = lead.getByRole('navigation', { name: admin.admin_nav_label });
		const items = bar.locator(':scope > ul > li');
		for (let i = 0; i < (await items.count()); i++) {
			const box = (await items.nth(i).boundingBox())!;
			expect(box.x).toBeGreaterThanOrEqual(0);
			expect(box.x + box.width).toBeLessThanOrEqual(390);
		}
		await shot(lead, 'appointments-7-staff-bar-390');
		await bar.getByText(staffHome.staffhome_nav_cases!, { exact: true }).click();
		await expect(bar.getByRole('link', { name: appointments.appointments_nav, exact: true })).toBeVisible();
		await shot(lead, 'appointments-8-staff-bar-open-390');
	}
);
