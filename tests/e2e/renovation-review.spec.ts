import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { acme, demoContractor } from '../../src/lib/server/seed/demo-data.ts';
import { drawingPdf } from '../../src/lib/server/renovations/testing/drawings.ts';
import { fill, messages } from './messages.ts';
import { signIn } from './sign-in.ts';

const words = messages('renovations');
const site = messages('renovation-site');
const finance = messages('finance');
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

/** A day in Hong Kong (the demo estates' zone), days from today. */
function estateDay(days = 0): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Hong_Kong' }).format(new Date(Date.now() + days * 86_400_000));
}

/** The permit's PDF drawn as a PNG (pdftoppm), kept beside the screenshots, and the URL its QR code carries. */
async function readPermit(page: Page, href: string, name: string): Promise<string> {
	const answer = await page.request.get(href);
	expect(answer.status()).toBe(200);
	expect(answer.headers()['content-type']).toBe('application/pdf');
	fs.mkdirSync('test-results', { recursive: true });
	fs.writeFileSync(`${shots}-${name}.pdf`, await answer.body());
	execFileSync('pdftoppm', ['-r', '110', '-png', '-singlefile', `${shots}-${name}.pdf`, `${shots}-${name}`]);
	expect(execFileSync('pdffonts', [`${shots}-${name}.pdf`]).toString()).toMatch(
		/NotoSans(HK|SC)-\w+\s+CID TrueType\s+Identity-H\s+yes yes/
	);
	const { data, info } = await sharp(`${shots}-${name}.png`).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
	const qr = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height);
	expect(qr, 'the permit carries a QR code').not.toBeNull();
	return qr!.data;
}

/** Uploads one file on the application's documents page and waits until it is added. */
async function upload(page: Page, kind: string, name: string, buffer: Buffer) {
	await page.getByLabel(words.renovations_upload_kind!).selectOption(kind);
	await page.getByLabel(words.renovations_upload_file!, { exact: true }).setInputFiles({ name, mimeType: 'application/pdf', buffer });
	await page.getByRole('button', { name: words.renovations_upload_button }).click();
	await expect(page.getByText(fill(words.renovations_upload_done!, { name }))).toBeVisible({ timeout: 30_000 });
}

test('a company applies with a 3-sheet drawing; engineering pins a comment on sheet 2 and returns it; the contractor answers and uploads revision 2; engineering compares and approves; security approves; the fees are paid; commitments and three signatures issue the permit, whose QR code verifies; a fined violation, a revocation, completion and the acceptance refund the deposit minus the fine', async ({
	browser
}) => {
	test.setTimeout(300_000);

	// The company member applies for one of its offices, on a phone.
	const applicant = await as(browser, acme.members[0]!.email, phone);
	await applicant.goto('/app/renovations');
	await applicant.getByRole('button', { name: words.renovations_start_button }).click();
	await expect(applicant).toHaveURL(/\/app\/renovations\/[0-9a-f-]{36}$/);
	const applicationUrl = new URL(applicant.url()).pathname;
	const id = applicationUrl.split('/').pop()!;
	// The works start today, so that the permit is valid as soon as it is issued.
	await applicant.getByLabel(words.renovations_field_planned_start!).fill(estateDay());
	await applicant.getByLabel(words.renovations_field_planned_end!).fill(estateDay(60));
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
	// The sheet is drawn by the server; a click lands only once the page has hydrated (on a loaded
	// machine that can follow the image by a moment), so the engineer clicks again until it takes.
	await expect(async () => {
		const box = (await sheetImage.boundingBox())!;
		await engineer.mouse.click(box.x + box.width * 0.4, box.y + box.height * 0.6);
		await expect(engineer.getByLabel(words.renovations_sheet_across!)).toHaveValue(/^4\d\.\d$/, { timeout: 1000 });
	}).toPass({ timeout: 15_000 });
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
		const link = engineer
			.getByRole('navigation', { name: words.renovations_sheet_sheets })
			.getByRole('link', { name: String(sheet), exact: true });
		const href = (await link.getAttribute('href'))!;
		await link.click();
		// On this sheet's page before coding it: the previous sheet's URL already says done=code, so
		// without this a loaded machine coded the previous sheet again and sheet 3 stayed uncoded.
		await expect(engineer).toHaveURL((url) => url.pathname === href);
		await engineer.getByLabel(words.renovations_sheet_code!).selectOption(sheet === 2 ? 'approved_as_noted' : 'approved');
		await engineer.getByRole('button', { name: words.renovations_sheet_code_save }).click();
		await expect(engineer).toHaveURL((url) => url.pathname === href && url.searchParams.get('done') === 'code');
	}
	// Until the page has hydrated, a click on its form can be lost (a run on a loaded machine did): wait for it.
	await engineer.goto(`/staff/renovations/${id}`, { waitUntil: 'networkidle' });
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

	// Both parties sign both commitments on their phones; a missing tick is refused at its box.
	await applicant.getByLabel(site.site_sign_name!).fill('Mei Chan 陳美');
	await applicant.getByRole('checkbox').first().check();
	await applicant.getByRole('button', { name: site.site_sign_button }).click();
	await expect(applicant.locator('#sign-fire-error')).toHaveText(site.renovations_sign_agree_required!);
	await expect(applicant.getByLabel(site.site_sign_name!)).toHaveValue('Mei Chan 陳美');
	await applicant.getByRole('checkbox').nth(0).check();
	await applicant.getByRole('checkbox').nth(1).check();
	await applicant.getByRole('button', { name: site.site_sign_button }).click();
	await expect(applicant.getByText(site.site_commitments_signed_waiting!)).toBeVisible();
	await contractor.goto(applicationUrl);
	await contractor.getByRole('checkbox').nth(0).check();
	await contractor.getByRole('checkbox').nth(1).check();
	await contractor.getByLabel(site.site_sign_name!).fill('Ho Chun Yin 何俊賢');
	await contractor.getByRole('button', { name: site.site_sign_button }).click();
	await expect(contractor.getByText(words.renovations_state_permit_signing!).first()).toBeVisible();

	// Customer service, engineering and security each sign; the third signature issues the permit.
	for (const signer of [desk, engineer, security]) {
		await signer.goto(`/staff/renovations/${id}`);
		await signer.getByRole('button', { name: site.site_permit_sign_button, exact: true }).click();
		await expect(signer.getByText(words.renovations_staff_done!)).toBeVisible();
	}
	await expect(security.getByText(words.renovations_state_in_works!).first()).toBeVisible();

	// The permit: downloaded, drawn to PNG (looked at), its QR code read and followed by a guard at the door.
	await contractor.goto(applicationUrl);
	const permitLink = contractor.getByRole('link', { name: /^(?:Permit|许可证|許可證) P\d{6}/ });
	const firstPermit = (await permitLink.getAttribute('href'))!;
	const verifyUrl = await readPermit(contractor, firstPermit, 'permit');
	expect(verifyUrl).toMatch(/\/verify\/[a-z2-9]{20}$/);
	const guard = await (await browser.newContext(phone)).newPage();
	await guard.goto(verifyUrl);
	await expect(guard.getByRole('status')).toContainText(site.verify_status_valid!);
	await guard.screenshot({ path: `${shots}-verify-valid.png`, fullPage: true });
	await contractor.screenshot({ path: `${shots}-contractor-in-works.png`, fullPage: true });

	// Security issues a worker's pass (photo, ID's last four) and a hot-work permit for today; the pass's QR code verifies.
	await security.goto(`/staff/renovations/${id}`);
	const passForm = security.locator('form[action="?/pass"]');
	await passForm.getByLabel(site.site_pass_name!).fill('Chan Siu Keung 陳小強');
	await passForm.getByLabel(site.site_pass_id!).fill('5678');
	await passForm.getByLabel(site.site_pass_photo!).setInputFiles({
		name: 'face.jpg',
		mimeType: 'image/jpeg',
		buffer: await sharp({ create: { width: 300, height: 400, channels: 3, background: '#c9a27e' } })
			.jpeg()
			.toBuffer()
	});
	await passForm.getByRole('button', { name: site.site_pass_button }).click();
	await expect(security.getByText(words.renovations_staff_done!)).toBeVisible();
	const hotWork = security.locator('form[action="?/hotWork"]');
	await hotWork.getByLabel(site.site_hot_work_date!).fill(estateDay());
	await hotWork.getByLabel(site.site_hot_work_location!).fill('Pantry, 18/F');
	await hotWork.getByLabel(site.site_hot_work_fire_watch!).fill('Chan Siu Keung 陳小強');
	await hotWork.getByRole('button', { name: site.site_hot_work_button }).click();
	await expect(security.getByText(words.renovations_staff_done!)).toBeVisible();
	await contractor.goto(applicationUrl);
	const passHref = (await contractor.locator('a[href^="/files/renovation-pass/"]').getAttribute('href'))!;
	await guard.goto(await readPermit(contractor, passHref, 'pass'));
	await expect(guard.getByRole('status')).toContainText(site.verify_status_valid!);
	await expect(guard.locator('main')).toContainText('Chan Siu Keung 陳小強');
	await guard.screenshot({ path: `${shots}-verify-pass.png`, fullPage: true });

	// The board lists the works under way, and who has inspected them today.
	await security.goto('/staff/renovations');
	await expect(security.locator('#board-works')).toBeVisible();
	await security.screenshot({ path: `${shots}-board.png`, fullPage: true });
	await security.goto(`/staff/renovations/${id}`);

	// Security's daily round: an inspection with a photo, then a violation fined ¥200 (a bill to the company).
	const round = security.locator('form[action="?/inspect"]');
	await round.getByLabel(site.site_findings!).fill('Extinguishers in place; corridor kept clear.');
	await round.getByLabel(site.site_photos!).setInputFiles({
		name: 'corridor.png',
		mimeType: 'image/png',
		buffer: await sharp({ create: { width: 320, height: 240, channels: 3, background: '#9ab' } })
			.png()
			.toBuffer()
	});
	await round.getByRole('button', { name: site.site_inspection_button }).click();
	await expect(security.getByText(words.renovations_staff_done!)).toBeVisible();
	await expect(security.locator('.photos img')).toHaveCount(1);
	const violation = security.locator('form[action="?/violation"]');
	await violation.getByLabel(site.site_violation_description!).fill('Welding in unit without a hot-work permit');
	await violation.getByLabel(site.site_violation_fine!).fill('-200');
	await violation.getByRole('button', { name: site.site_violation_button }).click();
	await expect(security.locator('#violation-fine-error')).toBeVisible();
	await expect(violation.getByLabel(site.site_violation_description!)).toHaveValue('Welding in unit without a hot-work permit');
	await violation.getByLabel(site.site_violation_description!).fill('Welding in unit without a hot-work permit');
	await violation.getByLabel(site.site_violation_fine!).fill('200');
	await violation.getByRole('button', { name: site.site_violation_button }).click();
	await expect(security.getByText(words.renovations_staff_done!)).toBeVisible();

	// Security revokes the permit: the door's QR code now says so; the manager reinstates the works with a new permit.
	await security.getByLabel(words.renovations_staff_reason!).fill('Hot work without a permit: works stop until a fire watch is in place.');
	await security.getByRole('button', { name: site.site_revoke_button }).click();
	await expect(security.getByText(words.renovations_state_suspended!).first()).toBeVisible();
	await security.screenshot({ path: `${shots}-security-revoked.png`, fullPage: true });
	await guard.reload();
	await expect(guard.getByRole('status')).toContainText(site.verify_status_revoked!);
	await guard.screenshot({ path: `${shots}-verify-revoked.png`, fullPage: true });
	const manager = await as(browser, 'manager@lobby.test', desktop);
	// The review time limits are the renovation dictionary's, which a manager edits.
	await manager.goto('/staff/admin/dictionaries?tab=renovations');
	await expect(
		manager.getByLabel(fill(messages('dictionaries').dict_renovations_step_days!, { step: words.renovations_state_engineering_review! }))
	).toHaveValue('5');
	await manager.screenshot({ path: `${shots}-limits.png`, fullPage: true });
	await manager.goto(`/staff/renovations/${id}`);
	await manager
		.getByLabel(words.renovations_staff_reason!)
		.fill('Fire watch and extinguishers in place; hot work only with a daily permit.');
	await manager.getByRole('button', { name: site.site_reinstate_button }).click();
	await expect(manager.getByText(words.renovations_state_in_works!).first()).toBeVisible();

	// The applicant sees the fine and the two permits; the contractor says the works are finished.
	await applicant.goto(applicationUrl);
	await expect(applicant.locator('section[aria-labelledby="violations-heading"]')).toContainText('200');
	await expect(applicant.getByRole('link', { name: /^(?:Permit|许可证|許可證) P\d{6}/ })).toHaveCount(2);
	await applicant.screenshot({ path: `${shots}-applicant-violation.png`, fullPage: true });
	const secondPermit = (await applicant
		.getByRole('link', { name: /^(?:Permit|许可证|許可證) P\d{6}/ })
		.first()
		.getAttribute('href'))!;
	expect(secondPermit).not.toBe(firstPermit);
	const secondVerifyUrl = await readPermit(applicant, secondPermit, 'permit-2');
	await guard.goto(secondVerifyUrl);
	await expect(guard.getByRole('status')).toContainText(site.verify_status_valid!);
	await contractor.goto(applicationUrl);
	await contractor.getByRole('button', { name: site.site_completion_button }).click();
	await expect(contractor.getByText(site.site_completion_requested!)).toBeVisible();

	// Engineering passes the completion inspection with every party present; the manager accepts.
	await engineer.goto(`/staff/renovations/${id}`);
	await engineer.getByRole('button', { name: site.site_completion_pass_button }).click();
	await expect(engineer.locator('#pass-present-error')).toHaveText(site.renovations_completion_present_required!);
	await engineer.getByLabel(site.site_completion_present!).check();
	await engineer.getByRole('button', { name: site.site_completion_pass_button }).click();
	await expect(engineer.getByText(words.renovations_state_acceptance!).first()).toBeVisible();
	await manager.goto(`/staff/renovations/${id}`);
	await manager.getByRole('button', { name: site.site_accept_button }).click();
	await expect(manager.getByText(words.renovations_state_closed!).first()).toBeVisible();
	await guard.goto(secondVerifyUrl);
	await expect(guard.getByRole('status')).toContainText(site.verify_status_completed!);
	await manager.screenshot({ path: `${shots}-manager-accepted.png`, fullPage: true });

	// The deposit's refund: ¥5,000 minus the unpaid ¥200 fine; the second manager approves, finance pays it out.
	await manager.locator('section[aria-labelledby="refund-heading"] a').click();
	await expect(manager).toHaveURL(/\/staff\/fees\/refunds\/[0-9a-f-]{36}$/);
	await expect(manager.locator('main')).toContainText('4,800.00');
	const refundUrl = new URL(manager.url()).pathname;
	const gm = await as(browser, 'gm@lobby.test', desktop);
	await gm.goto(refundUrl);
	await gm.getByRole('button', { name: finance.finance_refund_approve, exact: true }).click();
	await expect(gm.getByText(finance.finance_refund_done_approve!)).toBeVisible();
	const cashier = await as(browser, 'finance@lobby.test', desktop);
	await cashier.goto(refundUrl);
	await cashier.getByLabel(finance.finance_refund_method!).selectOption('bank_transfer');
	await cashier.getByRole('button', { name: finance.finance_refund_pay_submit }).click();
	await expect(cashier.getByText(finance.finance_refund_done_pay!)).toBeVisible();

	// The unit's ledger shows every step: the bills, the payments, the fine, the released deposit, the fine settled from it, the payout.
	await cashier.locator('a[href^="/staff/fees/units/"]').first().click();
	const statement = cashier.locator('section.statement');
	const fees = messages('fees-staff');
	for (const kind of ['feesstaff_kind_deposit_refund', 'feesstaff_kind_deduction', 'feesstaff_kind_refund']) {
		await expect(statement).toContainText(fees[kind]!);
	}
	await expect(statement.locator('tr').filter({ hasText: fees.feesstaff_kind_refund! }).last()).toContainText('4,800.00');
	await cashier.screenshot({ path: `${shots}-ledger.png`, fullPage: true });
	await applicant.goto(applicationUrl);
	await expect(applicant.locator('section[aria-labelledby="violations-heading"] .badge')).toHaveText(words.renovations_fees_paid!);
	await applicant.screenshot({ path: `${shots}-applicant-closed.png`, fullPage: true });
});
