import { expect, test, type Page } from '@playwright/test';
import { fill, messages } from './messages.ts';
import { signIn } from './sign-in.ts';
import { harbourView } from '../../src/lib/server/seed/demo-data.ts';

const audit = messages('audit-trail');
const admin = messages('admin');
const fees = messages('fees-staff');
const t = messages('repairs-staff');
const shots = process.env.SHOTS_DIR ?? 'test-results';
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

const finance = 'Mak Pui Shan 麥佩珊';
const desk = 'Yeung Hoi Ying 楊凱瑩';
const colleague = 'Ho Wai Man 何慧敏';

/** Nothing may stick out sideways on a phone. */
async function expectNoSideScroll(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
}

/** The audit log filtered by one person, through the filter form. */
async function filterByPerson(page: Page, name: string) {
	await page.getByLabel(audit.audit_trail_person!).selectOption({ label: name });
	await page.getByRole('button', { name: audit.audit_trail_show }).click();
	await expect(page).toHaveURL(/[?&]person=[0-9a-f-]{36}/);
}

test('the manager finds a counter payment and a desk hand-over in the audit log by the staff member’s name', async ({ browser }) => {
	test.setTimeout(90_000);
	const desktop = { viewport: { width: 1280, height: 800 } };

	// Finance takes HK$1,200 in cash at the counter for a Harbour View flat with an open bill (not
	// Chan's 12A or the neighbour's 8C, which other journeys pay), as credit on the owner's account.
	const financeContext = await browser.newContext(desktop);
	const cashier = await financeContext.newPage();
	await signIn(cashier, 'finance@lobby.test');
	await cashier.goto('/staff/fees');
	await cashier.getByLabel(fees.feesstaff_estate!).selectOption({ label: `${harbourView.code} · ${harbourView.name}` });
	await cashier.getByRole('button', { name: fees.feesstaff_apply }).click();
	const flat = cashier
		.getByRole('link', { name: /^Block [A-C] [A-C]座 · \d+[A-D]$/ })
		.filter({ hasNotText: /· (12A|8C)$/ })
		.first();
	const [building, number] = (await flat.innerText()).split(' · ') as [string, string];
	const letter = building.charAt(6);
	await flat.click();
	await expect(cashier).toHaveURL(/\/staff\/fees\/units\/[0-9a-f-]{36}$/);
	await cashier.getByLabel(fees.feesstaff_amount!).fill('1200');
	await cashier.getByLabel(fees.feesstaff_method_cash!).check();
	await cashier.getByLabel(fees.feesstaff_receipt_no!).fill('E2E-AUDIT-1');
	for (const box of await cashier.locator('input[name="billIds"]').all()) await box.uncheck();
	await cashier.getByLabel(fees.feesstaff_paid_by!).selectOption('owner');
	await cashier.getByRole('button', { name: fees.feesstaff_record_payment }).click();
	await expect(cashier.getByText(new RegExp(fill(fees.feesstaff_payment_recorded!, { amount: '.*1,200\\.00' })))).toBeVisible();
	await financeContext.close();

	// The desk enters a repair a resident phoned in, then hands it over to a colleague on the record.
	const deskContext = await browser.newContext(desktop);
	const service = await deskContext.newPage();
	await signIn(service, 'service@lobby.test');
	await service.goto('/staff/repairs/new');
	await service.getByLabel(t.repairs_staff_building!).selectOption({ label: `${letter} · ${building}` });
	await service.getByLabel(t.repairs_staff_unit_number!).fill(number.toLowerCase());
	await service.getByRole('button', { name: t.repairs_staff_find_unit }).click();
	await expect(service.getByText(`${building} · ${number}`)).toBeVisible();
	await service.getByLabel(t.repairs_staff_requester!).selectOption({ index: 1 });
	await service.getByLabel(t.repairs_staff_kind!).selectOption({ label: 'Water pipes / leak' });
	await service.getByLabel(t.repairs_staff_location_detail!).fill('Bathroom');
	await service.getByLabel(t.repairs_staff_description!).fill('The bathroom tap drips all night');
	await service.getByLabel(t.repairs_staff_contact_name!).fill(`Owner of ${number}`);
	await service.getByLabel(t.repairs_staff_contact_phone!).fill('+852 9123 0005');
	await service.getByRole('button', { name: t.repairs_staff_new_submit }).click();
	await expect(service).toHaveURL(/\/staff\/repairs\/[0-9a-f-]{36}\?entered=1$/);
	const reference = (await service.getByRole('heading', { level: 1 }).textContent())!.match(/R\d{6}/)![0];
	const handOver = service.locator('#hand-over');
	await handOver.getByText(t.repairs_staff_hand_over_title!).click();
	await handOver.getByLabel(t.repairs_staff_hand_over_to!).selectOption({ label: colleague });
	await handOver.getByLabel(t.repairs_staff_reason!).fill('Going off shift; the manager follows it up');
	await handOver.getByRole('button', { name: t.repairs_staff_hand_over_submit }).click();
	await expect(service.getByRole('status').filter({ hasText: t.repairs_staff_done_handed_over! })).toBeVisible();
	await deskContext.close();

	// The manager opens the audit log and filters by the finance clerk: the payment, not the hand-over.
	const managerContext = await browser.newContext(desktop);
	const manager = await managerContext.newPage();
	await signIn(manager, 'manager@lobby.test');
	await manager.goto('/staff/admin/audit');
	await expect(manager.getByRole('heading', { name: admin.admin_audit_title, level: 1 })).toBeVisible();
	const rows = manager.locator('tbody tr');
	const payment = rows.filter({ hasText: new RegExp(fill(audit.audit_trail_counter_payment!, { amount: '.*1,200\\.00' })) });
	const handedOver = rows.filter({ hasText: fill(audit.audit_trail_handed_over!, { name: colleague }) });
	await expect(payment.first()).toBeVisible();
	await expect(handedOver.first()).toBeVisible();

	await filterByPerson(manager, finance);
	await expect(payment).toHaveCount(1);
	await expect(payment).toContainText(finance);
	await expect(payment).toContainText(`${building} ${number}`);
	await expect(payment).toContainText(fill(audit.audit_trail_receipt_no!, { number: 'E2E-AUDIT-1' }));
	await expect(handedOver).toHaveCount(0);
	await expect(rows.filter({ hasText: desk })).toHaveCount(0);
	await manager.screenshot({ path: `${shots}/audit-log-finance-desktop.png`, fullPage: true });

	// …and by the desk: the hand-over, by name, linked to its repair; the payment is not theirs.
	await filterByPerson(manager, desk);
	await expect(handedOver).toHaveCount(1);
	await expect(handedOver).toContainText(desk);
	await expect(handedOver).toContainText('Going off shift');
	await expect(payment).toHaveCount(0);
	const link = handedOver.getByRole('link', { name: reference });
	await expect(link).toHaveAttribute('href', /^\/staff\/repairs\/[0-9a-f-]{36}$/);
	// No codes or ids anywhere in the list.
	const shown = await manager.locator('tbody').innerText();
	expect(shown).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
	expect(shown).not.toMatch(/\bhanded_over\b|\brefund\.pay\b|\bsucceed\b/);
	await manager.screenshot({ path: `${shots}/audit-log-desk-desktop.png`, fullPage: true });

	// The export of the filtered list is a workbook.
	const exportHref = await manager.getByRole('link', { name: audit.audit_trail_export_xlsx }).getAttribute('href');
	expect(exportHref).toMatch(/^\/staff\/admin\/audit\/export\?person=[0-9a-f-]{36}$/);
	const download = await manager.request.get(exportHref!);
	expect(download.status()).toBe(200);
	expect(download.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
	const url = manager.url();
	await managerContext.close();

	// The same list on a phone: one card per change, nothing sideways.
	const phoneContext = await browser.newContext(phone);
	const onPhone = await phoneContext.newPage();
	await signIn(onPhone, 'manager@lobby.test');
	await onPhone.goto(url);
	await expect(onPhone.locator('tbody tr').filter({ hasText: fill(audit.audit_trail_handed_over!, { name: colleague }) })).toHaveCount(1);
	await expectNoSideScroll(onPhone);
	await onPhone.screenshot({ path: `${shots}/audit-log-phone.png`, fullPage: true });
	await phoneContext.close();
});
