import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { northwind } from '../../src/lib/server/seed/demo-data.ts';
import { fill, messages } from './messages.ts';
import { linkInOutbox } from './outbox.ts';
import { signIn } from './sign-in.ts';

const moves = messages('moves');
const releases = messages('goods-release');
const archive = messages('archive');
const auth = messages('auth');
const fees = messages('fees-staff');
const shots = process.env.SHOTS_DIR ?? 'test-results';
const desktop = { viewport: { width: 1280, height: 800 } };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/**
 * A vacant office of Central Plaza Tower 1 that no other journey touches (Acme rents 18/F–20/F,
 * Beacon 801–802), where Northwind Freight was the renter until some months ago
 * (seed/demo-former-occupant.ts): a company new to the registry takes it.
 */
const unitNumber = '2506';

/** Today in the demo estate's zone, as the move forms take a date. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Hong_Kong' }).format(new Date());

/** A date as the file shows it in English ('Jul 31, 2026'). */
const shown = (date: string) =>
	new Intl.DateTimeFormat('en', { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(`${date}T00:00:00Z`));

/** Northwind's tenancy as the seed counts it back from today: three years to the end of the month five months ago. */
function northwindTenancy(): { startsOn: string; endsOn: string } {
	const [year, month] = today().split('-').map(Number) as [number, number];
	const day = (monthsBack: number, last: boolean) =>
		new Date(Date.UTC(year, month - 1 - monthsBack + (last ? 1 : 0), last ? 0 : 1)).toISOString().slice(0, 10);
	return { startsOn: day(41, false), endsOn: day(5, true) };
}

/** Each run registers a company of its own (the registry refuses a second one of a name). */
const tag = Date.now().toString(36).toUpperCase();
const company = {
	name: `Lantern Analytics ${tag} Ltd 燈籠數據${tag}有限公司`,
	registrationNo: `CR ${tag}`,
	admin: { name: 'Ip Wing Sze 葉詠詩', email: `admin-${tag.toLowerCase()}@lantern.test`, phone: '+852 9188 2506' }
};

/** A one-page PDF, enough for the desk's paper check (it sniffs the type). */
const licencePdf = Buffer.from(
	'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
);

async function staffPage(browser: Browser, email: string): Promise<Page> {
	const page = await (await browser.newContext(desktop)).newPage();
	await signIn(page, email);
	return page;
}

/** Opens a move's page and waits until its forms are live (posting before hydration is lost). */
async function openMove(page: Page, path: string) {
	const response = await page.goto(path, { waitUntil: 'networkidle' });
	expect(response?.status(), `${path} answered ${response?.status()}: ${await page.locator('main').innerText()}`).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(unitNumber);
}

/** Posts one step of a move's page and waits for the page to say it was saved. */
async function step(page: Page, button: string) {
	await page.getByRole('button', { name: button, exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(moves.moves_done_step!);
}

test('a renter company moves in, out, its goods leave once past the gate, and the unit file keeps the story with its reads logged', async ({
	browser
}) => {
	test.setTimeout(300_000);
	const desk = await staffPage(browser, 'service@lobby.test');
	const engineer = await staffPage(browser, 'engineer2@lobby.test');
	const finance = await staffPage(browser, 'finance@lobby.test');

	// ── Move-in: customer service opens the case from the unit's registry page.
	await desk.goto(`/staff/registry/units?q=${unitNumber}`);
	await desk
		.locator('tbody tr')
		.filter({ hasText: /Central Plaza|CPT/ })
		.getByRole('link', { name: unitNumber, exact: true })
		.click();
	await expect(desk).toHaveURL(/\/staff\/registry\/units\/[0-9a-f-]{36}$/);
	const unitId = desk.url().split('/').pop()!;
	await desk.getByRole('link', { name: moves.moves_title }).click();
	await desk.waitForLoadState('networkidle');
	const open = desk.locator('form[action$="&/in"]');
	await expect(open.locator('input[name="unitId"]')).toHaveValue(unitId);
	// Not in the registry yet: the desk registers it with the move-in, and its administrator.
	await open.getByLabel(moves.moves_party_new_company!).check();
	await expect(open.getByLabel(moves.moves_party_email!)).toBeHidden();
	await open.getByLabel(messages('registry').registry_company_name!).fill(company.name);
	await open.getByLabel(moves.moves_registration_no!).fill('#');
	await open.getByLabel(moves.moves_admin_name!).fill(company.admin.name);
	await open.getByLabel(moves.moves_admin_email!).fill(company.admin.email);
	await open.getByLabel(moves.moves_admin_phone!).fill('call me');
	await open.locator('select[name="role"]').selectOption('renter');
	await open.getByLabel(moves.moves_plan_date!).fill(today());
	await open.getByRole('button', { name: moves.moves_open_in }).click();
	// Each problem at its field, what was typed kept, the new company still chosen.
	await expect(open.locator('#in-registrationNo-error')).toHaveText(moves.moves_registration_no_invalid!);
	await expect(open.locator('#in-adminPhone-error')).toHaveText(messages('common').field_phone_invalid!);
	await expect(open.getByLabel(moves.moves_registration_no!)).toHaveAttribute('aria-invalid', 'true');
	await expect(open.getByLabel(moves.moves_party_new_company!)).toBeChecked();
	await expect(open.getByLabel(moves.moves_admin_email!)).toHaveValue(company.admin.email);
	await open.getByLabel(moves.moves_registration_no!).fill(company.registrationNo);
	await open.getByLabel(moves.moves_admin_phone!).fill(company.admin.phone);
	await desk.screenshot({ path: `${shots}/move-in-new-company-1280.png`, fullPage: true });
	await open.getByRole('button', { name: moves.moves_open_in }).click();
	await expect(desk).toHaveURL(/\/staff\/moves\/[0-9a-f-]{36}$/);
	const moveIn = new URL(desk.url()).pathname;
	const moveInId = moveIn.split('/').pop()!;
	await expect(desk.getByRole('heading', { level: 1 })).toHaveText(`${moves.moves_kind_in} · ${unitNumber}`);

	// Identity (the business licence seen and copied), the archive form, signage and equipment, a key.
	await step(desk, moves.moves_action_check_identity!);
	await desk.getByLabel(moves.moves_document_kind!, { exact: true }).selectOption('business_licence');
	await desk.getByLabel(moves.moves_file!).setInputFiles({ name: 'licence.pdf', mimeType: 'application/pdf', buffer: licencePdf });
	await step(desk, moves.moves_action_upload!);
	await desk.getByLabel(moves.moves_archive_form!).check();
	await desk.getByLabel(moves.moves_signage!).fill(company.name);
	await desk.getByLabel(moves.moves_equipment!).fill('Air-conditioner: working\nCarpet: clean');
	await step(desk, moves.moves_action_record_papers!);
	await desk.getByLabel(moves.moves_key_number!).fill(`D-${unitNumber}-1`);
	await desk.getByLabel(moves.moves_key_kind!, { exact: true }).selectOption('door');
	await step(desk, moves.moves_action_issue_key!);
	// Engineering found a defect at the joint inspection: the desk sends it on as a repair order.
	await desk.getByLabel(moves.moves_defect_description!, { exact: true }).fill('Air-conditioner drips onto the carpet by the window');
	await desk.getByLabel(moves.moves_contact_phone!).fill('91234567');
	await step(desk, moves.moves_action_report_defect!);
	await expect(desk.getByText(/Defect sent to engineering/)).toBeVisible();

	// Engineering takes the opening readings (the first of three confirmations) and records the inspection.
	await openMove(engineer, moveIn);
	await engineer.getByLabel(moves.moves_water!).fill('5000.25');
	await engineer.getByLabel(moves.moves_electricity!).fill('90000.50');
	await step(engineer, moves.moves_action_record_readings!);
	await step(engineer, moves.moves_action_inspect!);

	// Customer service confirms the readings (the second).
	await openMove(desk, moveIn);
	await step(desk, moves.moves_action_confirm_reading!);

	// The company's administrator reads the invitation the desk's move-in sent, and joins on a phone,
	// creating the account with the code.
	const joinLink = await linkInOutbox(
		browser,
		company.admin.email,
		fill(auth.auth_email_company_invite_subject!, { company: company.name }),
		/\/join\?code=[A-Za-z0-9%-]+/
	);
	const resident = await (await browser.newContext(phone)).newPage();
	await resident.goto(joinLink, { waitUntil: 'networkidle' });
	const join = resident.locator('form[action="?/join"]');
	await expect(join.getByLabel(auth.auth_code!)).not.toHaveValue('');
	await join.getByLabel(auth.auth_name!).fill(company.admin.name);
	await join.getByLabel(auth.auth_email!).fill(company.admin.email);
	await join.getByLabel(auth.auth_phone!).fill(company.admin.phone);
	await join.getByLabel(auth.auth_password!, { exact: true }).fill('lantern-analytics-2506');
	await join.getByLabel(auth.auth_confirm_password!).fill('lantern-analytics-2506');
	await resident.screenshot({ path: `${shots}/move-join-390.png`, fullPage: true });
	await join.getByRole('button', { name: auth.auth_join_submit }).click();
	// An administrator of the company from now on, on its company page.
	await expect(resident).toHaveURL(/\/app\/company\/[0-9a-f-]{36}$/);
	await expect(resident.getByRole('heading', { level: 1 })).toContainText(company.name);
	await resident.screenshot({ path: `${shots}/move-joined-company-390.png`, fullPage: true });

	// On the phone, from its moves (home → my move-in and move-out): signs the rules and confirms the readings (the third: filed).
	await resident.goto('/app', { waitUntil: 'networkidle' });
	await resident.screenshot({ path: `${shots}/move-joined-home-390.png`, fullPage: true });
	await resident.getByRole('link', { name: moves.moves_my_moves }).click();
	await resident.getByRole('link', { name: `${moves.moves_kind_in} · ${unitNumber}` }).click();
	await expect(resident).toHaveURL(new RegExp(`/app/moves/${moveInId}$`));
	await resident.waitForLoadState('networkidle');
	await resident.getByLabel(moves.moves_rules_agree!).check();
	await resident.getByLabel(moves.moves_rules_name!).fill(company.admin.name);
	await step(resident, moves.moves_action_sign_rules!);
	await step(resident, moves.moves_action_confirm_reading!);

	// Nothing missing: customer service completes the move-in; the occupancy starts today.
	await openMove(desk, moveIn);
	await expect(desk.getByText(moves.moves_checklist_done!)).toBeVisible();
	await step(desk, moves.moves_action_complete!);
	await expect(desk.getByText(moves.moves_state_done!, { exact: true })).toBeVisible();
	await expect(desk.getByText(/customer service yes, engineering yes, resident yes/).first()).toBeVisible();
	await desk.screenshot({ path: `${shots}/move-in-case-1280.png`, fullPage: true });

	// The renter signs in on its phone and sees its new unit.
	await resident.goto('/app');
	await resident.locator(`a[href="/app/units/${unitId}"]`).first().click();
	await expect(resident.getByRole('heading', { level: 1 })).toContainText(unitNumber);
	await resident.screenshot({ path: `${shots}/move-resident-unit-390.png`, fullPage: true });

	// Finance takes the management-fee deposit on the unit's account at the counter.
	await finance.goto(`/staff/fees/units/${unitId}`, { waitUntil: 'networkidle' });
	const issue = finance.locator('form[action="?/issue"]');
	const depositItem = await issue.locator('option', { hasText: 'Management fee deposit' }).getAttribute('value');
	await issue.locator('select[name="feeItemId"]').selectOption(depositItem);
	await issue.locator('select[name="party"]').selectOption('renter');
	await issue.getByRole('button', { name: fees.feesstaff_issue_submit }).click();
	await expect(finance.getByText(new RegExp(fill(fees.feesstaff_bill_issued!, { bill: '.+', amount: '.*3,000\\.00' })))).toBeVisible();
	await finance.goto(`/staff/fees/units/${unitId}`, { waitUntil: 'networkidle' });
	const pay = finance.locator('form[action="?/pay"]');
	await pay.getByLabel(fees.feesstaff_amount!).fill('3000');
	await pay.getByLabel(fees.feesstaff_method_cash!).check();
	await pay.getByLabel(fees.feesstaff_receipt_no!).fill(`E2E-MOVE-${unitNumber}`);
	await pay.locator('input[name="billIds"]').first().check();
	await pay.getByRole('button', { name: fees.feesstaff_record_payment }).click();
	await expect(finance.getByText(new RegExp(fill(fees.feesstaff_payment_recorded!, { amount: '.*3,000\\.00' })))).toBeVisible();

	// ── Move-out: later, the company applies on its phone, leaving where to reach it.
	await resident.goto('/app/moves', { waitUntil: 'networkidle' });
	const apply = resident.locator('form[action="?/apply"]');
	await apply.getByLabel(moves.moves_col_unit!).selectOption(unitId);
	await apply.getByLabel(moves.moves_plan_date!).fill(today());
	await apply.getByLabel(moves.moves_forwarding_address!).fill('12/F, 1 Harbour Road, Wan Chai');
	await apply.getByLabel(moves.moves_forwarding_phone!).fill('98765432');
	await apply.getByRole('button', { name: moves.moves_apply_out }).click();
	await expect(resident).toHaveURL(/\/app\/moves\/[0-9a-f-]{36}$/);
	const moveOutId = resident.url().split('/').pop()!;
	const moveOut = `/staff/moves/${moveOutId}`;

	// The key comes back to the desk.
	await openMove(desk, moveOut);
	await desk.getByLabel(moves.moves_key_number!).selectOption({ label: `D-${unitNumber}-1` });
	await step(desk, moves.moves_action_return_key!);

	// Inspection: closing readings (the same day's, so the same as the opening ones), a damage priced, power and AC off.
	await openMove(engineer, moveOut);
	await engineer.getByLabel(moves.moves_water!).fill('5000.25');
	await engineer.getByLabel(moves.moves_electricity!).fill('90000.50');
	await step(engineer, moves.moves_action_record_readings!);
	await engineer.getByLabel(moves.moves_damage_description!).fill('Carpet stained by the air-conditioner');
	await engineer.getByLabel(moves.moves_amount!).fill('450.00');
	await step(engineer, moves.moves_action_price_damage!);
	await engineer.getByLabel(moves.moves_power_off!).check();
	await engineer.getByLabel(moves.moves_aircon_off!).check();
	await engineer.getByLabel(moves.moves_extinguishers!).check();
	await step(engineer, moves.moves_action_inspect!);

	// The closing readings confirmed by the desk and the company.
	await openMove(desk, moveOut);
	await step(desk, moves.moves_action_confirm_reading!);
	await resident.goto(`/app/moves/${moveOutId}`, { waitUntil: 'networkidle' });
	await step(resident, moves.moves_action_confirm_reading!);

	// Finance settles: nothing owed on the company's bills; the deposit refund asked for minus the damage.
	await openMove(finance, moveOut);
	await expect(finance.getByText(/Owed on the unit: .*0\.00/)).toBeVisible();
	// Settling issues the final energy bill from the closing readings (fees/final-bill.ts), counted from
	// the company's own move-in readings: the same values today, so nothing is used and nothing is owed.
	await step(finance, moves.moves_action_settle!);
	await expect(finance.getByText(moves.moves_state_settled!, { exact: true })).toBeVisible();
	await finance.screenshot({ path: `${shots}/move-out-settled-1280.png`, fullPage: true });
	await finance.goto('/staff/fees/refunds');
	const refundRow = finance.locator('tbody tr').filter({ hasText: unitNumber }).first();
	await expect(refundRow).toContainText('2,550.00');
	await refundRow.getByRole('link').click();
	await expect(finance.getByText('3,000.00').first()).toBeVisible();
	await expect(finance.getByText('Carpet stained by the air-conditioner')).toBeVisible();
	await expect(finance.getByText('2,550.00').first()).toBeVisible();
	await finance.screenshot({ path: `${shots}/move-out-refund-1280.png`, fullPage: true });

	// Customer service completes the move-out: the goods release for the furniture is issued with it.
	await openMove(desk, moveOut);
	await step(desk, moves.moves_action_complete!);
	await expect(desk.getByText(moves.moves_state_done!, { exact: true })).toBeVisible();

	// ── The gate: the company shows the slip's QR code; the guard scans it on a 390×844 phone.
	await resident.goto(`/app/units/${unitId}/releases`);
	const qr = resident.locator('.qr-code').first();
	await expect(qr).toBeVisible();
	const { data, info } = await sharp(await qr.screenshot())
		.ensureAlpha()
		.raw()
		.toBuffer({ resolveWithObject: true });
	const code = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height);
	expect(code, 'the slip carries a QR code').not.toBeNull();
	const slipPath = new URL(code!.data).pathname;
	expect(slipPath).toMatch(/^\/staff\/gate\/[a-z2-9]{20}$/);
	const guard = await (await browser.newContext(phone)).newPage();
	await signIn(guard, 'security@lobby.test');
	await guard.goto(slipPath, { waitUntil: 'networkidle' });
	await expect(guard.getByText(unitNumber).first()).toBeVisible();
	await guard.screenshot({ path: `${shots}/move-gate-390.png`, fullPage: true });
	await guard.getByRole('button', { name: releases.releases_gate_release }).click();
	await expect(guard.getByRole('status')).toHaveText(releases.releases_gate_released_done!);
	await guard.screenshot({ path: `${shots}/move-gate-released-390.png`, fullPage: true });
	// A second scan is refused.
	await guard.goto(slipPath);
	await expect(guard.getByRole('alert')).toContainText(releases.releases_gate_stop!);
	await expect(guard.getByRole('button', { name: releases.releases_gate_release })).toHaveCount(0);
	await guard.screenshot({ path: `${shots}/move-gate-refused-390.png`, fullPage: true });

	// ── The unit's file: customer service reads it (by role); every entry of the story, newest first.
	const filePath = `/staff/registry/units/${unitId}/archive`;
	await desk.goto(filePath, { waitUntil: 'networkidle' });
	await desk.getByRole('button', { name: archive.archive_open_button }).click();
	const part = desk.locator('section.part').filter({ hasText: company.name }).first();
	await expect(part).toBeVisible();
	// Its dates: from the move-in to the move-out (bound from the next day on: the journey runs in one day).
	await expect(part.locator('.part-head')).toContainText(' – ');
	const kinds = await part.locator('li .kind').allTextContents();
	for (const kind of ['goods_release', 'move_out', 'refund', 'meter_reading', 'key', 'payment', 'deposit', 'move_in'])
		expect(kinds, kind).toContain(archive[`archive_kind_${kind}`]);
	// Newest first: the goods release and the move-out above the refund, the deposit taken after the move-in below it.
	const at = (kind: string) => kinds.indexOf(archive[`archive_kind_${kind}`]!);
	expect(at('goods_release')).toBeLessThan(at('move_out'));
	expect(at('move_out')).toBeLessThan(at('refund'));
	expect(at('refund')).toBeLessThan(at('deposit'));
	expect(at('deposit')).toBeLessThan(at('move_in'));
	// What was filed while the move-in was open, before its occupancy began (the business licence,
	// the opening readings, the keys), is in the occupancy's part too: below its move-in, which
	// completed after them, and nothing of it is left in the unit's own papers.
	const early = kinds.slice(at('move_in') + 1);
	expect(early).toContain(archive.archive_kind_document);
	expect(early).toContain(archive.archive_kind_meter_reading);
	expect(early).toContain(archive.archive_kind_key);
	const filedWhileOpen = ['document', 'meter_reading', 'key', 'repair', 'contact'].map((kind) => archive[`archive_kind_${kind}`]);
	expect(early.filter((kind) => !filedWhileOpen.includes(kind))).toEqual([]);
	const unitPapers = desk.locator('section.part').filter({ has: desk.getByRole('heading', { name: archive.archive_unit_papers }) });
	for (const kind of ['document', 'meter_reading', 'key'])
		await expect(unitPapers.locator('li .kind').filter({ hasText: archive[`archive_kind_${kind}`]! }), kind).toHaveCount(0);
	// The occupant before it: Northwind's part, bound — it moved out months ago — with its dates and
	// its own records, newest first; below the company's part, which ended today and binds tomorrow.
	const tenancy = northwindTenancy();
	const former = desk.locator('section.part').filter({ has: desk.getByRole('heading', { name: northwind.name }) });
	await expect(former).toHaveCount(1);
	await expect(former).toHaveClass(/\bbound\b/);
	await expect(part).not.toHaveClass(/\bbound\b/);
	await expect(former.locator('.part-head .badge')).toHaveText(archive.archive_part_bound!);
	await expect(former.locator('.part-head')).toContainText(
		fill(archive.archive_part_dates!, { from: shown(tenancy.startsOn), to: shown(tenancy.endsOn) })
	);
	const formerKinds = await former.locator('li .kind').allTextContents();
	expect(formerKinds).toEqual(
		['move_out', 'payment', 'bill', 'payment', 'bill', 'callback', 'repair'].map((k) => archive[`archive_kind_${k}`])
	);
	const partNames = await desk.locator('section.part h2').allTextContents();
	const partAt = (name: string) => partNames.findIndex((text) => text.includes(name));
	expect(partAt(company.name)).toBeGreaterThanOrEqual(0);
	expect(partAt(company.name)).toBeLessThan(partAt(northwind.name));
	await former.scrollIntoViewIfNeeded();
	await desk.screenshot({ path: `${shots}/move-archive-1280.png`, fullPage: true });

	// The occupancy's printed index (the form posts to a new tab; the PDF is fetched the same way).
	const indexAction = await part.locator('form[action$="/index.pdf"]').getAttribute('action');
	const pdf = await desk.request.post(indexAction!, {
		form: { reason: '' },
		headers: { origin: new URL(desk.url()).origin }
	});
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toContain('application/pdf');
	fs.mkdirSync(shots, { recursive: true });
	fs.writeFileSync(`${shots}/move-archive-index.pdf`, await pdf.body());
	execFileSync('pdftoppm', [
		'-png',
		'-r',
		'60',
		'-f',
		'1',
		'-l',
		'1',
		'-singlefile',
		`${shots}/move-archive-index.pdf`,
		`${shots}/move-archive-index`
	]);

	// Northwind's bound part prints its own index: its name, dates and records, read back from the PDF.
	const formerAction = await former.locator('form[action$="/index.pdf"]').getAttribute('action');
	const formerPdf = await desk.request.post(formerAction!, {
		form: { reason: '' },
		headers: { origin: new URL(desk.url()).origin }
	});
	expect(formerPdf.status()).toBe(200);
	expect(formerPdf.headers()['content-type']).toContain('application/pdf');
	fs.writeFileSync(`${shots}/move-archive-former-index.pdf`, await formerPdf.body());
	const formerText = execFileSync('pdftotext', ['-layout', `${shots}/move-archive-former-index.pdf`, '-'], { encoding: 'utf8' });
	expect(formerText).toContain('Northwind Freight Ltd');
	expect(formerText).toContain(archive.archive_part_bound!);
	expect(formerText).not.toContain(company.name.slice(0, 20));
	execFileSync('pdftoppm', [
		'-png',
		'-r',
		'80',
		'-f',
		'1',
		'-l',
		'1',
		'-singlefile',
		`${shots}/move-archive-former-index.pdf`,
		`${shots}/move-archive-former-index`
	]);

	// An engineer without a grant is refused, and asks.
	await engineer.goto(filePath, { waitUntil: 'networkidle' });
	await expect(engineer.getByRole('heading', { name: archive.archive_refused_title })).toBeVisible();
	await engineer.getByLabel(archive.archive_request_reason_label!).fill('Checking the air-conditioner defect found at move-in');
	await engineer.getByRole('button', { name: archive.archive_request_button }).click();
	// The page now says the request waits for the manager (sent, and pending from then on).
	await expect(engineer.getByRole('status')).toContainText(archive.archive_request_pending!.split('{time}')[1]!);

	// The manager approves.
	const manager = await staffPage(browser, 'manager@lobby.test');
	await manager.goto('/staff/archive/requests', { waitUntil: 'networkidle' });
	const request = manager.locator('article').filter({ hasText: 'air-conditioner defect found at move-in' }).first();
	await request.getByRole('button', { name: archive.archive_approve }).click();
	await expect(manager.getByRole('status')).toHaveText(archive.archive_decided!);

	// The engineer reads it, saying why.
	await engineer.goto(filePath, { waitUntil: 'networkidle' });
	await engineer.getByLabel(archive.archive_reason_label!).fill('Air-conditioner defect follow-up');
	await engineer.getByRole('button', { name: archive.archive_open_button }).click();
	await expect(engineer.locator('section.part').filter({ hasText: company.name }).first()).toBeVisible();

	// The read log shows both reads: customer service by its role, the engineer by the approved request.
	await manager.goto('/staff/archive/reads');
	const reads = manager.locator('tbody tr').filter({ hasText: unitNumber });
	await expect(reads.filter({ hasText: 'Yeung Hoi Ying' }).filter({ hasText: archive.archive_reads_by_role! }).first()).toBeVisible();
	await expect(
		reads
			.filter({ hasText: 'Lee Ka Ho' })
			.filter({ hasText: archive.archive_reads_by_grant! })
			.filter({ hasText: 'Air-conditioner defect follow-up' })
	).toHaveCount(1);
	await manager.screenshot({ path: `${shots}/move-archive-reads-1280.png`, fullPage: true });
});

test('the desk opens a move for a unit it finds by building and number, told at the field when there is none', async ({ browser }) => {
	const desk = await staffPage(browser, 'service@lobby.test');
	const common = messages('common');
	await desk.goto('/staff/moves/new');
	await expect(desk.locator('form[action$="&/in"]')).toHaveCount(0);
	const tower = await desk.getByLabel(common.unit_lookup_building!).locator('option', { hasText: 'Tower 1' }).first().getAttribute('value');
	await desk.getByLabel(common.unit_lookup_building!).selectOption(tower);
	await desk.getByLabel(common.unit_lookup_number!).fill('9999');
	await desk.getByRole('button', { name: common.unit_lookup_find }).click();
	await expect(desk.locator('#lookup-unit-error')).toHaveText(fill(common.unit_lookup_not_found!, { number: '9999' }));
	await desk.getByLabel(common.unit_lookup_number!).fill(unitNumber);
	await desk.getByRole('button', { name: common.unit_lookup_find }).click();
	await expect(desk.getByRole('heading', { level: 1 })).toContainText(unitNumber);
	await expect(desk.locator('form[action$="&/in"] input[name="unitId"]')).toHaveValue(/^[0-9a-f-]{36}$/);
	await desk.screenshot({ path: `${shots}/move-new-found-1280.png`, fullPage: true });
});
