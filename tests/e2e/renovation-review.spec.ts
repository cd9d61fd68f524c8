import { expect, test, type Browser, type Page } from '@playwright/test';
import { acme, demoContractor } from '../../src/lib/server/seed/demo-data.ts';
import { drawingPdf } from '../../src/lib/server/renovations/testing/drawings.ts';
import { fill, messages } from './messages.ts';
import { signIn } from './sign-in.ts';

const words = messages('renovations');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const desktop = { viewport: { width: 1280, height: 800 } };
const shots = 'test-results/renovation-review';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

async function as(browser: Browser, email: string, device: typeof phone | typeof desktop): Promise<Page> {
	const context = await browser.newContext(device);
	const page = await context.newPage();
	await signIn(page, email);
	return page;
}

/** Uploads one file on the application's documents page and waits until it is added. */
async function upload(page: Page, kind: string, name: string, buffer: Buffer) {
	await page.getByLabel(words.renovations_upload_kind!).selectOption(kind);
	await page.getByLabel(words.renovations_upload_file!, { exact: true }).setInputFiles({ name, mimeType: 'application/pdf', buffer });
	await page.getByRole('button', { name: words.renovations_upload_button }).click();
	await expect(page.getByText(fill(words.renovations_upload_done!, { name }))).toBeVisible({ timeout: 30_000 });
}

test('a company applies with a 3-sheet drawing; engineering pins a comment on sheet 2 and returns it; the contractor answers and uploads revision 2; engineering compares and approves; security approves; the fees are paid in the sandbox and the insurance uploaded', async ({
	browser
}) => {
	test.setTimeout(180_000);

	// The company member applies for one of its offices, on a phone.
	const applicant = await as(browser, acme.members[0]!.email, phone);
	await applicant.goto('/app/renovations');
	await applicant.getByRole('button', { name: words.renovations_start_button }).click();
	await expect(applicant).toHaveURL(/\/app\/renovations\/[0-9a-f-]{36}$/);
	const applicationUrl = new URL(applicant.url()).pathname;
	const id = applicationUrl.split('/').pop()!;
	await applicant.getByLabel(words.renovations_field_planned_start!).fill('2027-03-01');
	await applicant.getByLabel(words.renovations_field_planned_end!).fill('2027-04-30');
	await applicant.getByLabel(words.renovations_field_scope!).fill('Reception and two meeting rooms: partitions, lighting, floor boxes');
	await applicant.getByLabel(words.renovations_field_area!).fill('96');
	await applicant.getByLabel(messages('renovations').renovations_work_walls!).check();
	await applicant.getByLabel(words.renovations_field_contractor_company!).fill('Sunrise Renovation 旭日裝修');
	await applicant.getByLabel(words.renovations_field_contractor_licence!).fill('91440300MA5F0XYZ1K');
	await applicant.getByLabel(words.renovations_field_contractor_grade!).selectOption('2');
	await applicant.getByLabel(words.renovations_field_contractor_email!).fill(demoContractor.email);
	await applicant.getByRole('button', { name: words.renovations_save }).click();
	await expect(applicant.getByText(words.renovations_saved!)).toBeVisible();

	// The contractor is invited; the code on the page is the one the email carries.
	await applicant.getByRole('button', { name: words.renovations_invite_button }).click();
	const sent = await applicant.getByRole('status').filter({ hasText: demoContractor.email }).textContent();
	const code = /([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2,})/.exec(sent ?? '')![1]!;

	await applicant.getByRole('link', { name: words.renovations_documents_add }).click();
	for (const kind of ['contract', 'business_licence', 'qualification', 'materials_list', 'material_certificate']) {
		await upload(applicant, kind, `${kind}.pdf`, pdf);
	}
	await upload(applicant, 'drawing', 'Acme-reception-rev1.pdf', Buffer.from(await drawingPdf(3, 'Acme reception')));
	await applicant.goto(applicationUrl);
	await applicant.getByRole('button', { name: words.renovations_submit }).click();
	await expect(applicant.getByText(words.renovations_submitted!)).toBeVisible();

	// The contractor joins with the code and lands on the application.
	const contractor = await as(browser, demoContractor.email, phone);
	await contractor.goto(`/join?code=${encodeURIComponent(code)}`);
	await contractor.getByRole('button', { name: messages('auth').auth_redeem_submit }).click();
	await expect(contractor).toHaveURL(new RegExp(`${applicationUrl}$`));
	// The contractor's home lists the jobs it joined: the demo draft and this one.
	await contractor.goto('/app');
	await expect(contractor.getByRole('heading', { name: words.renovations_jobs_title })).toBeVisible();
	await expect(contractor.locator(`a[href="${applicationUrl}"]`)).toBeVisible();
	await contractor.screenshot({ path: `${shots}-contractor-home.png`, fullPage: true });

	// Customer service registers it.
	const desk = await as(browser, 'service@lobby.test', desktop);
	await desk.goto('/staff/renovations');
	await desk
		.getByRole('link', { name: /^Z\d{6}$/ })
		.first()
		.waitFor();
	await desk.goto(`/staff/renovations/${id}`);
	await desk.getByRole('button', { name: words.renovations_staff_register }).click();
	await expect(desk.getByText(words.renovations_staff_done!)).toBeVisible();

	// Engineering pins a comment on sheet 2 and returns the drawings.
	const engineer = await as(browser, 'engineer2@lobby.test', desktop);
	await engineer.goto(`/staff/renovations/${id}`);
	await engineer.getByRole('link', { name: fill(words.renovations_sheet!, { sheet: 2 }) }).click();
	const sheetImage = engineer.locator('.surface.picking img');
	await expect(sheetImage).toBeVisible();
	const box = (await sheetImage.boundingBox())!;
	await engineer.mouse.click(box.x + box.width * 0.4, box.y + box.height * 0.6);
	await expect(engineer.getByLabel(words.renovations_sheet_across!)).toHaveValue(/^4\d\.\d$/);
	await engineer
		.getByRole('textbox', { name: words.renovations_sheet_comment })
		.fill('Show the fire rating of the new door in this partition.');
	await engineer.getByRole('button', { name: words.renovations_sheet_pin_button }).click();
	await expect(engineer.locator('a.pin.open')).toHaveText('1');
	await engineer.getByLabel(words.renovations_sheet_code!).selectOption('revise_and_resubmit');
	await engineer.getByRole('button', { name: words.renovations_sheet_code_save }).click();
	await expect(engineer).toHaveURL(/done=code/);
	await engineer.screenshot({ path: `${shots}-engineer-pin.png` });
	await engineer.goto(`/staff/renovations/${id}`);
	await engineer.getByRole('button', { name: words.renovations_staff_request_revision }).click();
	await expect(engineer.getByText(words.renovations_staff_done!)).toBeVisible();

	// The contractor answers on the sheet (on a phone, no JavaScript needed) and uploads revision 2.
	await contractor.goto(applicationUrl);
	await contractor
		.getByRole('link', { name: fill(words.renovations_sheet!, { sheet: 2 }) })
		.first()
		.click();
	await expect(contractor.locator('a.pin.open')).toHaveText('1');
	// The sheet itself is drawn (its review image loaded), with the pin on it.
	await expect.poll(() => contractor.locator('.surface img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2400);
	await contractor.screenshot({ path: `${shots}-contractor-sheet.png`, fullPage: true });
	await contractor.getByLabel(words.renovations_comment_answer!).fill('Door D-03 is now marked FRR -/60/30 on sheet 2.');
	await contractor.getByRole('button', { name: words.renovations_comment_answer }).click();
	await expect(contractor.locator('p.answer')).toContainText('Door D-03 is now marked FRR -/60/30 on sheet 2.');
	await contractor.goto(`${applicationUrl}/documents`);
	await upload(contractor, 'drawing', 'Acme-reception-rev2.pdf', Buffer.from(await drawingPdf(3, 'Acme reception rev 2')));
	await contractor.goto(applicationUrl);
	await contractor.getByRole('button', { name: fill(words.renovations_resubmit!, { revision: 2 }) }).click();
	await expect(contractor.getByText(words.renovations_resubmitted!)).toBeVisible();
	await contractor.screenshot({ path: `${shots}-contractor-resubmitted.png`, fullPage: true });

	// Engineering compares the two revisions of sheet 2, closes the comment, codes every sheet and approves.
	await engineer.goto(`/staff/renovations/${id}`);
	await engineer.getByRole('link', { name: fill(words.renovations_sheet!, { sheet: 2 }) }).click();
	await engineer.getByRole('button', { name: words.renovations_sheet_compare_button }).click();
	await expect(engineer.locator('.side-by-side figure')).toHaveCount(2);
	await engineer.screenshot({ path: `${shots}-engineer-compare.png` });
	await engineer.getByLabel(words.renovations_sheet_overlay!).check();
	await engineer.getByRole('button', { name: words.renovations_sheet_compare_button }).click();
	await expect(engineer.locator('.overlay img')).toHaveCount(2);
	await engineer.screenshot({ path: `${shots}-engineer-overlay.png` });
	await engineer.getByRole('link', { name: words.renovations_sheet_compare_stop }).click();
	await engineer.getByRole('button', { name: words.renovations_staff_close }).click();
	await expect(engineer.locator('a.pin.closed')).toHaveText('1');
	for (const sheet of [1, 2, 3]) {
		await engineer
			.getByRole('navigation', { name: words.renovations_sheet_sheets })
			.getByRole('link', { name: String(sheet), exact: true })
			.click();
		await engineer.getByLabel(words.renovations_sheet_code!).selectOption(sheet === 2 ? 'approved_as_noted' : 'approved');
		await engineer.getByRole('button', { name: words.renovations_sheet_code_save }).click();
		await expect(engineer).toHaveURL(/done=code/);
	}
	await engineer.goto(`/staff/renovations/${id}`);
	await engineer.getByRole('button', { name: words.renovations_staff_approve_drawings }).click();
	await expect(engineer.getByText(words.renovations_state_fire_review!).first()).toBeVisible();

	// Security approves fire safety (96 m²: no fire authority receipt needed).
	const security = await as(browser, 'security@lobby.test', desktop);
	await security.goto(`/staff/renovations/${id}`);
	await security.getByRole('button', { name: words.renovations_staff_approve_fire }).click();
	await expect(security.getByText(words.renovations_state_fees!).first()).toBeVisible();
	await security.screenshot({ path: `${shots}-security-approved.png`, fullPage: true });

	// The fees were issued on that approval: the deposit and the fees, each paid through the sandbox.
	const bills = messages('bills');
	await applicant.goto(applicationUrl);
	await expect(applicant.getByText(words.renovations_state_fees!).first()).toBeVisible();
	await applicant.screenshot({ path: `${shots}-applicant-fees.png`, fullPage: true });
	const feeLinks = await applicant.locator('ul.fees a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
	expect(feeLinks).toHaveLength(2);
	for (const href of feeLinks) {
		await applicant.goto(href);
		await applicant.getByRole('button', { name: new RegExp(`^${bills.bills_pay_this}`) }).click();
		await expect(applicant).toHaveURL(/\/pay\/sandbox\/sbx_[0-9a-f]{32}$/);
		await applicant.getByRole('button', { name: new RegExp(`^${fill(bills.bills_pay_button!, { amount: '' }).trim()}`) }).click();
		await expect(applicant).toHaveURL(/\/app\/payments\/[0-9a-f-]{36}\?result=success$/);
	}
	// Paid; the insurance policy is the last thing the step waits for, and then it moves on by itself.
	await applicant.goto(applicationUrl);
	await expect(applicant.locator('ul.fees .badge').filter({ hasText: words.renovations_fees_paid! })).toHaveCount(2);
	await expect(applicant.getByText(words.renovations_state_fees!).first()).toBeVisible();
	await applicant.goto(`${applicationUrl}/documents`);
	await upload(applicant, 'insurance', 'contractor-insurance.pdf', pdf);
	await applicant.goto(applicationUrl);
	await expect(applicant.getByText(words.renovations_state_commitments!).first()).toBeVisible();
	await applicant.screenshot({ path: `${shots}-applicant-commitments.png`, fullPage: true });
});
