import { expect, test, type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
import { smallPng } from '../../src/lib/server/files/test-images.ts';
import { harbourView } from '../../src/lib/server/seed/demo-data.ts';
import { fill, messages } from './messages.ts';
import { signIn } from './sign-in.ts';

// The whole repair journey of the issue, end to end on the demo data: a resident (its own flat, so
// other journeys' repairs do not show on its pages) files with two phone photos, customer service
// assigns, the technician books the visit and quotes a paid item the resident accepts, the resident
// signs off, the callback falls due at completion + the kind's days, finds a problem, a
// rectification notice goes to the technician, and the statistics count it.
const residentEmail = 'resident005@example.test';
const resident = messages('repairs-resident');
const staff = messages('repairs-staff');
// "Arrival recorded at 10:05…": the start of the message whatever the time and how late.
const arrivalRecorded = messages('repair-visits').visits_done_arrived!.split('{time}')[0]!.trim();
const callbacks = messages('callbacks');
const reports = messages('reports');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const desktop = { viewport: { width: 1280, height: 800 } };
const DAY = 24 * 60 * 60 * 1000;

/** A 12-megapixel phone photo: 4000×3000 JPEG, sideways (orientation 6), with GPS coordinates. */
function cameraJpeg(): Promise<Buffer> {
	return sharp({
		create: { width: 4000, height: 3000, channels: 3, background: '#8090a0', noise: { type: 'gaussian', mean: 128, sigma: 20 } }
	})
		.jpeg({ quality: 90 })
		.withMetadata({ orientation: 6 })
		.withExif({
			IFD0: { Make: 'Lobbyphone', Orientation: '6' },
			IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '22/1 16/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '114/1 10/1 1200/100' }
		})
		.toBuffer();
}

async function as(browser: Browser, email: string, options: typeof phone | typeof desktop): Promise<Page> {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	await signIn(page, email);
	return page;
}

async function noSideScroll(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

/** An action card of the order page; a collapsed one (a <details>) is opened so its form can be filled. */
async function openCard(page: Page, id: string) {
	const card = page.locator(`#${id}`);
	await expect(card).toBeVisible();
	const collapsed = await card.evaluate((el) => el instanceof HTMLDetailsElement && !el.open);
	if (collapsed) await card.locator('summary').click();
	return card;
}

/** The number shown for a statistic on the report page (a <dt> label and its <dd>). */
async function statistic(page: Page, label: string): Promise<number> {
	const value = await page.locator('dt', { hasText: label }).first().locator('xpath=following-sibling::dd[1]').innerText();
	return Number(value.trim().split(/\s/)[0]);
}

test(
	'a repair goes from a phone photo to a signed-off callback whose problem reaches the technician and the statistics',
	{ tag: '@phone' },
	async ({ browser }) => {
		test.setTimeout(180_000);
		const shots = 'test-results';

		// The statistics before, for the current month of all the director's estates.
		const director = await as(browser, 'manager@lobby.test', desktop);
		await director.goto('/staff/reports/repairs');
		const problemsBefore = await statistic(director, reports.reports_callbacks_problems!);
		const issuedBefore = await statistic(director, reports.reports_rectifications_issued!);

		// 1. The resident files a leak with two photos and picks the first offered time.
		const home = await as(browser, residentEmail, phone);
		await home.goto('/app/repairs/new');
		await home.getByLabel(resident.repairs_resident_kind!).selectOption({ label: 'Water pipes / leak' });
		await home.getByLabel(resident.repairs_resident_where_unit!).fill('Bathroom basin');
		await home.getByLabel(resident.repairs_resident_description!).fill('The pipe under the bathroom basin leaks onto the floor.');
		await home.locator('input[type="file"][name="photos"]').setInputFiles([
			{ name: 'IMG_3001.JPG', mimeType: 'image/jpeg', buffer: await cameraJpeg() },
			{ name: 'floor.png', mimeType: 'image/png', buffer: Buffer.from(await smallPng()) }
		]);
		await expect(
			home.getByRole('list', { name: fill(resident.repairs_resident_photos_chosen!, { count: 2, max: 6 }) }).getByRole('img')
		).toHaveCount(2);
		await home.locator('input[type="radio"][name="slotId"]:not([value="call"])').first().check();
		await noSideScroll(home);
		await home.screenshot({ path: `${shots}/journey-1-form-phone.png`, fullPage: true });
		await home.getByRole('button', { name: resident.repairs_resident_submit }).click();
		await expect(home).toHaveURL(/\/app\/repairs\/[0-9a-f-]{36}\?filed=1$/, { timeout: 30_000 });
		const caseUrl = home.url().replace(/\?.*$/, '');
		const repairId = caseUrl.split('/').pop()!;
		const reference = (await home.locator('.reference').first().innerText()).trim();
		await home.screenshot({ path: `${shots}/journey-2-filed-phone.png`, fullPage: true });

		// The stored photos: no EXIF or GPS left, upright, at most 2048 px.
		const photoIds = await home
			.locator('img[src^="/files/repair/"]')
			.evaluateAll((imgs) => [...new Set(imgs.map((img) => (img as HTMLImageElement).getAttribute('src')!))]);
		expect(photoIds).toHaveLength(2);
		for (const src of photoIds) {
			const response = await home.request.get(src);
			expect(response.status()).toBe(200);
			expect(response.headers()['x-content-type-options']).toBe('nosniff');
			expect(response.headers()['content-disposition']).toMatch(/^inline; filename="photo-[0-9a-f]{8}\.jpg"$/);
			const meta = await sharp(await response.body()).metadata();
			expect(meta.exif).toBeUndefined();
			expect(Math.max(meta.width, meta.height)).toBeLessThanOrEqual(2048);
			if (meta.width > 1000) expect(meta.height).toBeGreaterThan(meta.width); // the sideways photo stands upright
		}
		// Nobody else sees them: the neighbour gets 404.
		const neighbour = await as(browser, 'neighbour@lobby.test', phone);
		expect((await neighbour.request.get(photoIds[0]!)).status()).toBe(404);
		expect((await neighbour.goto(caseUrl))!.status()).toBe(404);
		await neighbour.context().close();

		// 2. Customer service takes it up and assigns Tang Kwok Wai.
		const desk = await as(browser, 'service@lobby.test', desktop);
		await desk.goto(`/staff/repairs/${repairId}`);
		const assign = await openCard(desk, 'assign');
		await assign.getByLabel(staff.repairs_staff_technician!, { exact: true }).selectOption({ label: 'Tang Kwok Wai 鄧國偉' });
		await assign.getByRole('button', { name: staff.repairs_staff_assign_submit, exact: true }).click();
		await expect(
			desk.getByRole('status').filter({ hasText: fill(staff.repairs_staff_done_assigned!, { name: 'Tang Kwok Wai 鄧國偉' }) })
		).toBeVisible();
		await desk.context().close();

		// 3. The technician, on a phone, confirms the resident's time, arrives and quotes a paid item.
		const tech = await as(browser, 'engineer@lobby.test', phone);
		await tech.goto(`/staff/repairs/${repairId}`);
		const schedule = await openCard(tech, 'schedule');
		await schedule.getByRole('button', { name: staff.repairs_staff_schedule_confirm }).click();
		await expect(tech.getByRole('status').filter({ hasText: staff.repairs_staff_done_scheduled! })).toBeVisible();
		await tech.getByRole('button', { name: staff.repairs_staff_start_submit }).click();
		await expect(tech.getByRole('status').filter({ hasText: arrivalRecorded })).toBeVisible();
		const quote = await openCard(tech, 'quote');
		await quote.locator('#quote-item-0').selectOption({ index: 1 });
		await quote.locator('#quote-qty-0').fill('1');
		await quote.getByLabel(staff.repairs_staff_quote_minutes!).fill('60');
		await quote.getByRole('button', { name: staff.repairs_staff_quote_submit }).click();
		await expect(tech.getByRole('status').filter({ hasText: staff.repairs_staff_done_quote! })).toBeVisible();
		await noSideScroll(tech);

		// 4. The repair lead approves the quote; 5. the resident accepts it before work goes on.
		const lead = await as(browser, 'lead@lobby.test', desktop);
		await lead.goto(`/staff/repairs/${repairId}`);
		const review = await openCard(lead, 'review');
		await review.getByRole('button', { name: staff.repairs_staff_review_approve }).click();
		await expect(lead.locator('#review')).toHaveCount(0);
		await lead.context().close();

		await home.goto(caseUrl);
		await expect(home.getByRole('heading', { name: resident.repairs_resident_quote_title })).toBeVisible();
		await home.screenshot({ path: `${shots}/journey-3-quote-phone.png`, fullPage: true });
		await home.getByRole('button', { name: resident.repairs_resident_quote_accept }).click();
		await expect(home.getByRole('button', { name: resident.repairs_resident_quote_accept })).toHaveCount(0);

		// 6. The technician finishes.
		await tech.goto(`/staff/repairs/${repairId}`);
		await tech.getByLabel(staff.repairs_staff_work_summary!).fill('Replaced the basin trap and the washer; dry now.');
		await tech.getByRole('button', { name: staff.repairs_staff_complete_submit }).click();
		await expect(tech.getByRole('status').filter({ hasText: staff.repairs_staff_done_completed! })).toBeVisible();

		// 7. The resident signs off; the callback is due at completion + 3 days (a water leak).
		await home.goto(caseUrl);
		await expect(home.getByRole('heading', { name: resident.repairs_resident_signoff_title })).toBeVisible();
		await home.getByRole('link', { name: resident.repairs_resident_signoff_submit }).click();
		await expect(home).toHaveURL(/\/sign-off$/);
		await home.screenshot({ path: `${shots}/journey-4-signoff-phone.png`, fullPage: true });
		await home.getByLabel(resident.repairs_resident_signed_name!).fill('Ho Ka Yan');
		const signedFrom = Date.now();
		await home.getByRole('button', { name: resident.repairs_resident_signoff_submit }).click();
		await expect(home.getByText(resident.repairs_resident_rate_title!)).toBeVisible();
		const dueDates = [signedFrom, Date.now()].map((t) =>
			new Intl.DateTimeFormat('en', { timeZone: harbourView.timeZone, dateStyle: 'medium' }).format(new Date(t + 3 * DAY))
		);
		const due = home.getByText(/We will call you by/);
		await expect(due.first()).toBeVisible();
		expect(dueDates.map((d) => fill(resident.repairs_resident_callback_by!, { date: d }))).toContain(
			(await due.first().innerText()).trim()
		);
		await home.screenshot({ path: `${shots}/journey-5-done-phone.png`, fullPage: true });

		// 8. The callback (the director may do any of the estate's) finds a problem.
		await director.goto('/staff/callbacks');
		await director.getByRole('link', { name: reference, exact: true }).first().click();
		await expect(director.getByRole('heading', { name: callbacks.callbacks_form_title })).toBeVisible();
		await director
			.getByRole('radiogroup', { name: callbacks.callbacks_work_ok })
			.getByLabel(callbacks.callbacks_no!, { exact: true })
			.check();
		await director
			.getByRole('radiogroup', { name: callbacks.callbacks_service_rating })
			.getByText(callbacks.callbacks_rating_4!, { exact: true })
			.click();
		await director
			.getByRole('radiogroup', { name: callbacks.callbacks_charges_ok })
			.getByLabel(callbacks.callbacks_yes!, { exact: true })
			.check();
		await director
			.getByRole('radiogroup', { name: callbacks.callbacks_problem_found })
			.getByLabel(callbacks.callbacks_yes!, { exact: true })
			.check();
		await director.getByLabel(callbacks.callbacks_problem_note!).fill('Water still seeps from the new trap joint.');
		await director.getByLabel(callbacks.callbacks_signed_name!).fill('Ho Ka Yan');
		await director.getByRole('button', { name: callbacks.callbacks_form_submit }).click();
		await expect(director.getByRole('status').filter({ hasText: callbacks.callbacks_done_saved })).toBeVisible();

		// 9. The rectification notice is in front of the technician.
		await tech.goto('/staff/callbacks/rectifications');
		const notice = tech.getByRole('listitem').filter({ hasText: 'Water still seeps from the new trap joint.' });
		await expect(notice.getByRole('heading', { name: new RegExp(reference) })).toBeVisible();
		await noSideScroll(tech);
		await tech.screenshot({ path: `${shots}/journey-6-rectification-phone.png`, fullPage: true });

		// 10. The statistics count it.
		await director.goto('/staff/reports/repairs');
		expect(await statistic(director, reports.reports_callbacks_problems!)).toBeGreaterThanOrEqual(problemsBefore + 1);
		expect(await statistic(director, reports.reports_rectifications_issued!)).toBeGreaterThanOrEqual(issuedBefore + 1);
		await director.screenshot({ path: `${shots}/journey-7-statistics-desktop.png`, fullPage: true });
	}
);
