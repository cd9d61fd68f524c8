// A company pays the open bills of several of its units in ONE payment (issue 13, rule 6): its
// admin sees one total for the company, pays the bills in one checkout (sandbox, or Stripe through
// the same provider interface), the ledger splits the money across the units' accounts, each bill
// is settled, and one receipt lists them all. Nobody outside the company sees or pays them.
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { and, eq, inArray } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { billLines, bills, ledgerEntries, openCheckouts, paymentAllocations, payments, receipts } from '../db/schema/index.ts';
import { actorFor, makeCompany, makeEstate, makeStaff, makeUnit, makeUser, occupy } from '../residents/test-fixtures.ts';
import { billsOutstanding, unitBalance } from '../fees/ledger.ts';
import { companyBillsPage } from '../fees/company-bills.ts';
import { myPaymentDetail } from '../fees/resident.ts';
import { unitAccount } from '../fees/unit-account.ts';
import { financeReport } from '../reports/finance.ts';
import { receiptDocument } from '../receipts/document.ts';
import { renderReceiptPdf } from '../receipts/pdf.ts';
import { receiptFor, receiptsForPayments } from '../receipts/queries.ts';
import { recordCounterPayment } from './counter.ts';
import { setPaymentProvider } from './providers.ts';
import { sandboxProvider } from './sandbox.ts';
import { completeSandbox } from './sandbox-complete.ts';
import { handleWebhook, startCompanyPayment, startPayment } from './service.ts';
import { myPayment } from './queries.ts';
import { stripeProvider } from './stripe.ts';
import { openBill } from './test-fixtures.ts';
import { checkoutEventPayload, startFakeStripe, type FakeStripe } from '../../../../tests/fake-stripe.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { failure } from '../../../../tests/action-result.ts';
import { actions, load } from '../../../routes/app/company/[companyId]/bills/+page.server.ts';

const ORIGIN = 'http://localhost:3000';
const WEBHOOK_SECRET = 'whsec_company_test';
let fake: FakeStripe;

beforeAll(async () => {
	fake = await startFakeStripe();
	setPaymentProvider('sandbox', sandboxProvider('company-payment-test-secret'));
	setPaymentProvider('stripe', stripeProvider({ secretKey: 'sk_test_company', webhookSecret: WEBHOOK_SECRET, apiBase: fake.url }));
});
afterAll(async () => {
	setPaymentProvider('sandbox', undefined);
	setPaymentProvider('stripe', undefined);
	await fake.close();
});

const refOf = (redirectUrl: string | null) => redirectUrl!.split('/').at(-1)!;

/** A company renting three offices (and a fourth unit of someone else), each office with an open bill of water and electricity for October. */
async function acme(name = 'Acme Trading') {
	const place = await makeEstate('Central Plaza');
	const offices = [await makeUnit(place, '1801'), await makeUnit(place, '1802'), await makeUnit(place, '1803')];
	const [admin, member, other] = [await makeUser('Lam Admin'), await makeUser('Cheung Member'), await makeUser('Beacon Admin')];
	const company = await makeCompany(name, [{ userId: admin.id, role: 'admin' }, { userId: member.id }]);
	const beacon = await makeCompany('Beacon Studio', [{ userId: other.id, role: 'admin' }]);
	const beaconUnit = await makeUnit(place, '0801');
	await occupy(beaconUnit.id, { companyId: beacon.id }, 'renter');
	const totals = [45_680, 38_215, 52_090];
	const officeBills = [];
	for (const [i, unit] of offices.entries()) {
		await occupy(unit.id, { companyId: company.id }, 'renter');
		const bill = await openBill(unit, totals[i]!, '2026-11-01', 'renter');
		await db().update(bills).set({ source: 'billing_run', period: '2026-10' }).where(eq(bills.id, bill.id));
		await db()
			.insert(billLines)
			.values([
				{
					billId: bill.id,
					nameEn: 'Water',
					nameZhHans: '水费',
					nameZhHant: '水費',
					quantity: '10',
					priceMicro: 45_000,
					amountMinor: 4_500,
					sort: 1
				},
				{
					billId: bill.id,
					nameEn: 'Electricity',
					nameZhHans: '电费',
					nameZhHant: '電費',
					quantity: '1',
					priceMicro: (totals[i]! - 4_500) * 10_000,
					amountMinor: totals[i]! - 4_500,
					sort: 2
				}
			]);
		officeBills.push(bill);
	}
	const finance = await makeStaff('Finance Desk', ['finance'], [place.estate.id]);
	return {
		place,
		company,
		beacon,
		offices,
		bills: officeBills,
		totals,
		beaconBill: await openBill(beaconUnit, 9_900, '2026-11-01', 'renter'),
		admin: await actorFor(admin.id),
		member: await actorFor(member.id),
		otherAdmin: await actorFor(other.id),
		finance: await actorFor(finance.id)
	};
}

const pay = (actor: Parameters<typeof startCompanyPayment>[0], companyId: string, billIds: string[], provider = 'sandbox') =>
	startCompanyPayment(actor, companyId, { billIds, idempotencyKey: randomUUID(), provider, origin: ORIGIN });

describe('a company pays several units’ bills in one payment', () => {
	it('Acme’s admin pays three units’ bills in one sandbox checkout: each bill is settled, the ledger split is right, one receipt lists the three', async () => {
		const w = await acme();
		const total = w.totals.reduce((a, b) => a + b, 0);

		// One total for the company, grouped by unit.
		const page = await companyBillsPage(w.admin, w.company.id);
		expect(page.estates).toHaveLength(1);
		expect(page.estates[0]!.dueMinor).toBe(total);
		expect(page.estates[0]!.units.map((u) => [u.number, u.dueMinor, u.bills.length])).toEqual([
			['1801', 45_680, 1],
			['1802', 38_215, 1],
			['1803', 52_090, 1]
		]);
		expect(page.unitCount).toBe(3);

		const started = await pay(
			w.admin,
			w.company.id,
			w.bills.map((b) => b.id)
		);
		expect(started).toMatchObject({ state: 'pending', amountMinor: total });
		expect(started.redirectUrl).toMatch(/^\/pay\/sandbox\/sbx_[0-9a-f]{32}$/);
		const [payment] = await db().select().from(payments).where(eq(payments.id, started.paymentId));
		expect(payment).toMatchObject({ companyId: w.company.id, unitId: null, party: null, provider: 'sandbox' });
		// One checkout holds all three bills.
		expect(
			(
				await db()
					.select()
					.from(openCheckouts)
					.where(
						inArray(
							openCheckouts.billId,
							w.bills.map((b) => b.id)
						)
					)
			).map((o) => o.paymentId)
		).toEqual([started.paymentId, started.paymentId, started.paymentId]);
		// The company page says so: none of them can be picked for a second checkout.
		expect((await companyBillsPage(w.admin, w.company.id)).estates[0]!.units.flatMap((u) => u.bills.map((b) => b.checkout))).toEqual([
			{ paymentId: started.paymentId, ofThisCompany: true },
			{ paymentId: started.paymentId, ofThisCompany: true },
			{ paymentId: started.paymentId, ofThisCompany: true }
		]);

		expect(await completeSandbox(refOf(started.redirectUrl), 'succeeded')).toEqual({ status: 200, result: 'applied' });

		// Each bill settled.
		const after = await db()
			.select()
			.from(bills)
			.where(
				inArray(
					bills.id,
					w.bills.map((b) => b.id)
				)
			);
		expect(after.map((b) => b.state)).toEqual(['paid', 'paid', 'paid']);
		expect(
			[
				...(
					await billsOutstanding(
						db(),
						w.bills.map((b) => b.id)
					)
				).values()
			].every((owed) => owed === 0)
		).toBe(true);
		// The ledger: one payment entry per unit, of its bill's part, all naming the one payment.
		const entries = await db()
			.select()
			.from(ledgerEntries)
			.where(and(eq(ledgerEntries.paymentId, started.paymentId), eq(ledgerEntries.kind, 'payment')));
		expect(entries.map((e) => [e.unitId, e.party, e.amountMinor]).sort()).toEqual(
			w.offices.map((u, i) => [u.id, 'renter', -w.totals[i]!]).sort()
		);
		expect(entries.reduce((sum, e) => sum + e.amountMinor, 0)).toBe(-total);
		for (const unit of w.offices) expect(await unitBalance(db(), unit.id)).toBe(0);
		expect(
			(await db().select().from(paymentAllocations).where(eq(paymentAllocations.paymentId, started.paymentId)))
				.map((a) => a.amountMinor)
				.sort()
		).toEqual([...w.totals].sort());
		expect(await db().select().from(openCheckouts).where(eq(openCheckouts.paymentId, started.paymentId))).toEqual([]);

		// ONE receipt, made out to the company, listing the three bills with unit and billing period.
		const rows = await db().select().from(receipts).where(eq(receipts.paymentId, started.paymentId));
		expect(rows).toHaveLength(1);
		const document = await receiptDocument(db(), rows[0]!.id);
		expect(document.pdf.payer).toBe('Acme Trading');
		expect(document.pdf.unitLabel).toBe('Block A 1801, 1802, 1803');
		expect(document.pdf.totalMinor).toBe(total);
		expect(document.pdf.lines.map((l) => [l.nameEn, l.amountMinor])).toEqual(
			w.offices.map((u, i) => [
				`Block A ${u.number} · bill B${String(w.bills[i]!.seq).padStart(6, '0')} · October 2026: Water, Electricity`,
				w.totals[i]
			])
		);
		expect(document.payerIds).toEqual([w.admin.userId]);
		const pdf = await renderReceiptPdf(document.pdf);
		expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
		// To look at it: RECEIPT_PDF_OUT=/tmp/company-receipt.pdf, then pdftoppm -png -r 80.
		if (process.env.RECEIPT_PDF_OUT) fs.writeFileSync(process.env.RECEIPT_PDF_OUT, pdf);

		// The admin's return page lists the three bills with their units; a member of the company sees the receipt too.
		const detail = await myPaymentDetail(w.admin, started.paymentId);
		expect(detail).toMatchObject({ state: 'succeeded', companyId: w.company.id, amountMinor: total });
		expect(detail.bills.map((b) => b.unit.number)).toEqual(['1801', '1802', '1803']);
		expect(detail.receipt?.paymentId).toBe(started.paymentId);
		expect(await receiptsForPayments(w.member, [started.paymentId])).toHaveLength(1);
		// Finance sees it on each unit's account, with the receipt and the company that paid.
		const account = await unitAccount(w.finance, w.offices[1]!.id);
		const paid = account.statement.find((line) => line.kind === 'payment');
		expect(paid).toMatchObject({ amountMinor: -38_215, payment: { company: 'Acme Trading', takenBy: null } });
		expect(paid!.payment!.receipt?.href).toBe(`/files/receipt/${rows[0]!.id}`);
		// Reconciled in its estate: one payment, its webhook, and ledger entries adding up to it.
		const report = await financeReport(w.finance, { estate: w.place.estate.id });
		expect(report.reconciliation.mismatchCount).toBe(0);
		expect(report.reconciliation.byProvider).toEqual([
			{ provider: 'sandbox', payments: 1, paymentsMinor: total, entries: 3, entriesMinor: total, webhooks: 1, mismatches: 0 }
		]);
	});

	it('a member of another company cannot see or pay Acme’s bills (404), a member who is not its admin is refused (403)', async () => {
		const w = await acme();
		const ids = w.bills.map((b) => b.id);
		expect(await thrown(() => companyBillsPage(w.otherAdmin, w.company.id))).toMatchObject({ status: 404 });
		expect(await thrown(() => pay(w.otherAdmin, w.company.id, ids))).toMatchObject({ status: 404 });
		expect(await thrown(() => companyBillsPage(w.member, w.company.id))).toMatchObject({ status: 403 });
		expect(await thrown(() => pay(w.member, w.company.id, ids))).toMatchObject({ status: 403 });
		// Nor through their own company: Acme's bills are not Beacon's to pay.
		await expect(pay(w.otherAdmin, w.beacon.id, [ids[0]!])).rejects.toMatchObject({ field: 'billIds' });
		// And Acme's admin cannot slip Beacon's bill into Acme's payment.
		await expect(pay(w.admin, w.company.id, [ids[0]!, w.beaconBill.id])).rejects.toMatchObject({ field: 'billIds' });
		// The route answers the same.
		const params = { companyId: w.company.id };
		expect(await thrown(() => load(fakeEvent({ actor: w.otherAdmin, params })))).toMatchObject({ status: 404 });
		expect(
			await thrown(() =>
				actions.pay(
					fakeEvent({ actor: w.otherAdmin, params, form: { estateId: w.place.estate.id, billIds: ids, idempotencyKey: randomUUID() } })
				)
			)
		).toMatchObject({ status: 404 });
		expect(await db().select().from(payments).where(eq(payments.companyId, w.company.id))).toEqual([]);

		// Once Acme has paid, its payment and receipt are not Beacon's to see.
		const started = await pay(w.admin, w.company.id, ids);
		await completeSandbox(refOf(started.redirectUrl), 'succeeded');
		const [receipt] = await db().select().from(receipts).where(eq(receipts.paymentId, started.paymentId));
		expect(await thrown(() => myPayment(w.otherAdmin, started.paymentId))).toMatchObject({ status: 404 });
		expect(await thrown(() => receiptFor(w.otherAdmin, receipt!.id))).toMatchObject({ status: 404 });
		expect(await receiptsForPayments(w.otherAdmin, [started.paymentId])).toEqual([]);
	});

	it('pays some of the bills, through the page: the rest stays open; a repeated submit is the same payment', async () => {
		const w = await acme();
		const params = { companyId: w.company.id };
		const data = await load(fakeEvent({ actor: w.admin, params }));
		const form = data.estates[0]!.form;
		expect(form.data.billIds).toHaveLength(3);
		const fields = {
			estateId: w.place.estate.id,
			billIds: [w.bills[0]!.id, w.bills[2]!.id],
			idempotencyKey: form.data.idempotencyKey,
			provider: 'sandbox'
		};
		const first = await thrown(() => actions.pay(fakeEvent({ actor: w.admin, params, form: fields })));
		expect(first).toMatchObject({ status: 303, location: expect.stringMatching(/^\/pay\/sandbox\/sbx_/) });
		const again = await thrown(() => actions.pay(fakeEvent({ actor: w.admin, params, form: fields })));
		expect(again).toMatchObject({ status: 303, location: (first as { location: string }).location });
		const [payment] = await db().select().from(payments).where(eq(payments.companyId, w.company.id));
		expect(payment!.amountMinor).toBe(45_680 + 52_090);
		await completeSandbox((first as { location: string }).location.split('/').at(-1)!, 'succeeded');
		expect((await companyBillsPage(w.admin, w.company.id)).estates[0]!.units.map((u) => u.number)).toEqual(['1802']);

		// Nothing ticked: the service's message, at the bills.
		const none = failure(
			await actions.pay(
				fakeEvent({ actor: w.admin, params, form: { estateId: w.place.estate.id, idempotencyKey: randomUUID(), provider: 'sandbox' } })
			)
		);
		expect(none.status).toBe(400);
		expect(none.data.form.errors.billIds?._errors ?? none.data.form.errors.billIds).toBeTruthy();
	});

	it('respects one open checkout per bill: a bill a member is paying resumes that checkout instead of opening a second', async () => {
		const w = await acme();
		const theirs = await startPayment(w.member, {
			billIds: [w.bills[1]!.id],
			idempotencyKey: randomUUID(),
			provider: 'sandbox',
			origin: ORIGIN
		});
		const page = await companyBillsPage(w.admin, w.company.id);
		expect(page.estates[0]!.units[1]!.bills[0]!.checkout).toEqual({ paymentId: theirs.paymentId, ofThisCompany: false });
		expect(page.estates[0]!.payableBills).toBe(2);
		const mine = await pay(
			w.admin,
			w.company.id,
			w.bills.map((b) => b.id)
		);
		expect(mine).toMatchObject({ paymentId: theirs.paymentId, redirectUrl: theirs.redirectUrl, amountMinor: 38_215 });
		expect(await db().select().from(payments).where(eq(payments.companyId, w.company.id))).toEqual([]);
	});

	it('money for a bill paid meanwhile at the counter is kept as credit on that unit, and the ledger still adds up', async () => {
		const w = await acme();
		const started = await pay(
			w.admin,
			w.company.id,
			w.bills.map((b) => b.id)
		);
		await recordCounterPayment(w.finance, {
			unitId: w.offices[0]!.id,
			amountMinor: 45_680,
			method: 'cash',
			receiptNo: `C-${randomUUID().slice(0, 8)}`,
			receivedOn: '2026-11-03',
			billIds: [w.bills[0]!.id],
			party: 'renter'
		});
		expect(await completeSandbox(refOf(started.redirectUrl), 'succeeded')).toMatchObject({ status: 200, result: 'applied' });
		const entries = await db().select().from(ledgerEntries).where(eq(ledgerEntries.paymentId, started.paymentId));
		expect(entries.reduce((sum, e) => sum + e.amountMinor, 0)).toBe(-started.amountMinor);
		expect(await unitBalance(db(), w.offices[0]!.id, 'renter')).toBe(-45_680);
		expect(await unitBalance(db(), w.offices[1]!.id)).toBe(0);
		const document = await receiptDocument(
			db(),
			(await db().select().from(receipts).where(eq(receipts.paymentId, started.paymentId)))[0]!.id
		);
		expect(document.pdf.lines.map((l) => l.amountMinor)).toEqual([38_215, 52_090, 45_680]);
		expect(document.pdf.lines.at(-1)!.nameEn).toBe('Credit to the account');
	});

	it('goes through Stripe by the same provider interface: one session for the company total, settled by its webhook', async () => {
		const w = await acme();
		const started = await pay(
			w.admin,
			w.company.id,
			w.bills.map((b) => b.id),
			'stripe'
		);
		const [payment] = await db().select().from(payments).where(eq(payments.id, started.paymentId));
		const session = fake.sessions.get(payment!.providerRef!)!;
		expect(session).toBeDefined();
		const body = checkoutEventPayload(session, 'checkout.session.completed');
		const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET });
		expect(await handleWebhook('stripe', body, new Headers({ 'stripe-signature': signature }))).toEqual({ status: 200, result: 'applied' });
		const after = await db()
			.select({ state: bills.state })
			.from(bills)
			.where(
				inArray(
					bills.id,
					w.bills.map((b) => b.id)
				)
			);
		expect(after.every((b) => b.state === 'paid')).toBe(true);
		expect(await db().select().from(receipts).where(eq(receipts.paymentId, started.paymentId))).toHaveLength(1);
	});
});
