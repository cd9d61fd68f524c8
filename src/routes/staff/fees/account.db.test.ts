import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { db } from '#lib/server/db/client.ts';
import { bills, billLines } from '#lib/server/db/schema/index.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { addMonths, monthOf } from '#lib/time/index.ts';
import { fixtureToday } from '#lib/server/fees/test-fixtures.ts';
import { actions as billingActions } from './billing/+page.server.ts';
import { actions, load } from './units/[unitId]/+page.server.ts';
import { act, daysFromToday, feesWorld, type FeesWorld } from './testing.ts';
import { GET as receiptRoute } from '../../files/receipt/[id]/+server.ts';
import { staffActor } from '#lib/server/property/testing/fixtures.ts';

let w: FeesWorld;

const open = (actor: Actor, unitId: string) => load(fakeEvent({ actor, path: `/staff/fees/units/${unitId}`, params: { unitId } }));
const pay = (actor: Actor, unitId: string, form: Record<string, string | string[]>) =>
	act(actions, 'pay', actor, `/staff/fees/units/${unitId}`, { method: 'cash', receivedOn: fixtureToday(), ...form }, { unitId });
const issue = (actor: Actor, unitId: string, form: Record<string, string>) =>
	act(
		actions,
		'issue',
		actor,
		`/staff/fees/units/${unitId}`,
		{ key: crypto.randomUUID(), quantity: '1', feeItemId: '', description: '', unitPrice: '', note: '', ...form },
		{ unitId }
	);

beforeAll(async () => {
	w = await feesWorld();
	// Last month's bills through the billing page: 80 m² × 3.80 = 304.00 and 60 m² × 3.80 = 228.00.
	const run = await act(billingActions, 'default', w.finance, '/staff/fees/billing', {
		period: addMonths(monthOf(fixtureToday()), -1),
		estateId: w.place.estate.id
	});
	expect(run.form?.message?.ok).toBe(true);
});

describe('/staff/fees/units/[unitId] — the unit account', () => {
	it('shows the balance, the open bill with what it owes, and the statement', async () => {
		const page = await open(w.finance, w.unit.id);
		expect(page.account.balanceMinor).toBe(30400);
		expect(page.account.openBills.map((b) => [b.source, b.period, b.outstandingMinor])).toEqual([
			['billing_run', addMonths(monthOf(fixtureToday()), -1), 30400]
		]);
		expect(page.account.statement.map((l) => [l.kind, l.amountMinor, l.balanceMinor])).toEqual([['charge', 30400, 30400]]);
		expect(page.abilities).toMatchObject({ counter: true, issue: true });
		expect(page.items.map((i) => i.id)).toContain(w.depositItemId);
	});

	it('a counter payment makes the balance drop and the bill paid; the same paper receipt again changes nothing', async () => {
		const result = await pay(w.finance, w.unit.id, { amount: '304.00', receiptNo: 'R-1001' });
		expect(result.status).toBeUndefined();
		expect(result.form?.message).toMatchObject({ ok: true });
		// The form comes back empty for the next payment.
		expect(result.form?.data).toMatchObject({ amount: '', receiptNo: '' });
		const page = await open(w.finance, w.unit.id);
		expect(page.account.balanceMinor).toBe(0);
		expect(page.account.openBills).toEqual([]);
		const [bill] = await db().select().from(bills).where(eq(bills.unitId, w.unit.id));
		expect(bill!.state).toBe('paid');

		const again = await pay(w.finance, w.unit.id, { amount: '304.00', receiptNo: 'R-1001' });
		expect(again.form?.message?.text).toMatch(/already/i);
		expect((await open(w.finance, w.unit.id)).account.balanceMinor).toBe(0);
	});

	it('a back-dated payment sits at the day it was received, with the running balance after it', async () => {
		const receivedOn = daysFromToday(-40);
		const result = await pay(w.finance, w.unit2.id, { amount: '1,000.5', method: 'bank_transfer', receiptNo: 'BT-77', receivedOn });
		expect(result.form?.message?.ok).toBe(true);
		const { account } = await open(w.finance, w.unit2.id);
		// The bill (22800) was paid in full; 77250 is left as credit.
		expect(account.balanceMinor).toBe(22800 - 100050);
		const lines = account.statement.map((l) => ({ kind: l.kind, on: l.effectiveOn, amount: l.amountMinor, balance: l.balanceMinor }));
		expect(lines).toEqual([
			{ kind: 'charge', on: fixtureToday(), amount: 22800, balance: 22800 - 100050 },
			{ kind: 'payment', on: receivedOn, amount: -100050, balance: -100050 }
		]);
		expect(account.statement[1]!.payment).toMatchObject({ method: 'bank_transfer', receiptNo: 'BT-77' });
	});

	it('refuses a future date and amounts that are not money, at the field, keeping what was typed', async () => {
		const future = await pay(w.finance, w.unit2.id, { amount: '10', receiptNo: 'R-2', receivedOn: daysFromToday(1) });
		expect(future.status).toBe(400);
		expect(future.data?.form?.errors.receivedOn).toEqual([expect.stringMatching(/future/i)]);
		for (const amount of ['12.345', 'abc', '0', '-5', '99999999999']) {
			const bad = await pay(w.finance, w.unit2.id, { amount, receiptNo: 'R-3' });
			expect(bad.status, amount).toBe(400);
			expect(bad.data?.form?.errors.amount, amount).toBeTruthy();
			expect((bad.data?.form as { data?: { amount?: string } }).data?.amount).toBe(amount);
		}
		const noMethod = await pay(w.finance, w.unit2.id, { amount: '10', receiptNo: 'R-4', method: 'cheque' });
		expect(noMethod.data?.form?.errors.method).toBeTruthy();
	});

	it('links a counter payment to its numbered receipt, from the desk and from the statement; staff of another estate get 404', async () => {
		const unit = await w.place.unit('90.00');
		const result = await pay(w.finance, unit.id, { amount: '50.00', receiptNo: 'PRINT-1' });
		const receipt = (result.form?.message as { receipt?: { number: string; href: string } } | undefined)?.receipt;
		expect(receipt).toMatchObject({ number: expect.stringMatching(/^R-\d{6}$/), href: expect.stringMatching(/^\/files\/receipt\//) });
		const row = (await open(w.finance, unit.id)).account.statement.find((line) => line.kind === 'payment');
		expect(row?.payment?.receipt).toEqual(receipt);
		// Customer service at the counter reads the account and prints the same receipt.
		expect((await open(w.desk, unit.id)).account.statement.find((line) => line.kind === 'payment')?.payment?.receipt).toEqual(receipt);

		const id = receipt!.href.split('/').at(-1)!;
		const get = (actor: Actor | null) => receiptRoute(fakeEvent({ actor, path: receipt!.href, params: { id } }));
		for (const reader of [w.finance, w.desk, w.manager]) {
			const response = await get(reader);
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('application/pdf');
		}
		const elsewhere = await staffActor(['finance'], [w.other.estate.id]);
		for (const stranger of [elsewhere, w.engineer, null]) expect((await thrown(() => get(stranger))).status).toBe(404);
	});

	it('answers 404 for a unit of an estate the clerk does not work for, on the page and on the forms', async () => {
		expect((await thrown(() => open(w.finance, w.foreignUnit.id))).status).toBe(404);
		expect((await thrown(() => open(w.finance, 'not-a-uuid'))).status).toBe(404);
		expect((await thrown(() => pay(w.finance, w.foreignUnit.id, { amount: '10', receiptNo: 'X-1' }))).status).toBe(404);
		// A manager working for both estates sees it.
		expect((await open(w.manager, w.foreignUnit.id)).account.unit.id).toBe(w.foreignUnit.id);
	});

	it('lets customer service read the account but not take money or issue bills; others without fees.* are refused', async () => {
		const page = await open(w.desk, w.unit.id);
		expect(page.abilities).toMatchObject({ counter: false, issue: false });
		expect((await thrown(() => pay(w.desk, w.unit.id, { amount: '1', receiptNo: 'CS-1' }))).status).toBe(403);
		expect((await thrown(() => issue(w.desk, w.unit.id, { description: 'x', unitPrice: '1' }))).status).toBe(403);
		expect((await thrown(() => open(w.engineer, w.unit.id))).status).toBe(403);
	});

	it('issues a one-off bill from a fee item at its price, once per form, and a free-text one at the typed price', async () => {
		const key = crypto.randomUUID();
		const first = await issue(w.finance, w.unit.id, { key, feeItemId: w.depositItemId });
		expect(first.form?.message).toMatchObject({ ok: true, text: expect.stringMatching(/B\d{6}/) });
		const again = await issue(w.finance, w.unit.id, { key, feeItemId: w.depositItemId });
		expect(again.form?.message?.text).toMatch(/already/i);
		const deposits = await db().select().from(bills).where(eq(bills.source, 'deposit'));
		expect(deposits.map((b) => [b.unitId, b.totalMinor])).toEqual([[w.unit.id, 200000]]);

		const free = await issue(w.finance, w.unit.id, { description: 'Replacement key card', quantity: '2', unitPrice: '35.5' });
		expect(free.form?.message?.ok).toBe(true);
		const [manual] = await db().select().from(bills).where(eq(bills.source, 'manual'));
		expect(manual!.totalMinor).toBe(7100);
		const [line] = await db().select().from(billLines).where(eq(billLines.billId, manual!.id));
		expect(line).toMatchObject({ nameEn: 'Replacement key card', quantity: '2.00', priceMicro: 35_500_000, amountMinor: 7100 });

		const noPrice = await issue(w.finance, w.unit.id, { description: 'Something' });
		expect(noPrice.data?.form?.errors.unitPrice).toBeTruthy();
		const noWhat = await issue(w.finance, w.unit.id, { unitPrice: '10' });
		expect(noWhat.data?.form?.errors.description).toBeTruthy();
		const zero = await issue(w.finance, w.unit.id, { description: 'Nothing', unitPrice: '0' });
		expect(zero.status).toBe(400);
		expect(zero.data?.form?.errors.unitPrice).toBeTruthy();

		const page = await open(w.finance, w.unit.id);
		expect(page.account.balanceMinor).toBe(200000 + 7100);
		expect(page.account.openBills.map((b) => b.source)).toEqual(['deposit', 'manual']);
	});

	it('pays chosen bills only and shows the paid deposit as held', async () => {
		const page = await open(w.finance, w.unit.id);
		const deposit = page.account.openBills.find((b) => b.source === 'deposit')!;
		const result = await pay(w.finance, w.unit.id, { amount: '2000', receiptNo: 'D-1', billIds: [deposit.id] });
		expect(result.form?.message?.ok).toBe(true);
		const after = await open(w.finance, w.unit.id);
		expect(after.account.openBills.map((b) => b.source)).toEqual(['manual']);
		expect(after.account.deposits.map((d) => d.heldMinor)).toEqual([200000]);
	});
});
