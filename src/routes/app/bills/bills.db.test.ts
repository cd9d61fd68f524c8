// The resident's bills, payment and sandbox pages through their real load functions and form actions.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '#lib/server/db/client.ts';
import { payments } from '#lib/server/db/schema/index.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { openBill, payingUnit } from '#lib/server/payments/test-fixtures.ts';
import { setPaymentProvider } from '#lib/server/payments/providers.ts';
import { businessDate } from '#lib/time/index.ts';
import { sandboxEvent, sandboxProvider } from '#lib/server/payments/sandbox.ts';
import { recordCounterPayment } from '#lib/server/payments/counter.ts';
import { resetConfig } from '#lib/server/config.ts';
import { fixtureToday } from '#lib/server/fees/test-fixtures.ts';
import { POST as webhook } from '../../api/payments/webhook/[provider]/+server.ts';
import * as fx from '#lib/server/residents/test-fixtures.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { actions, load } from './+page.server.ts';
import { load as billLoad } from './[id]/+page.server.ts';
import { load as paymentLoad } from '../payments/[id]/+page.server.ts';
import { load as homeLoad } from '../+page.server.ts';
import { load as unitLoad } from '../units/[id]/+page.server.ts';
import { actions as sandboxActions, load as sandboxLoad } from '../../pay/sandbox/[ref]/+page.server.ts';

let resident: Actor;
let neighbour: Actor;
let unit: { id: string; estateId: string };
let neighbourUnitId: string;
let billA: string;
let billB: string;
let billC: string;
let neighbourBill: string;

beforeAll(async () => {
	setPaymentProvider('sandbox', sandboxProvider('bills-route-test-secret'));
	setPaymentProvider('stripe', null);
	const paying = await payingUnit('12A');
	resident = paying.resident;
	unit = paying.unit;
	const other = await fx.makeUnit(paying.place, '8C');
	neighbourUnitId = other.id;
	const neighbourUser = await fx.makeUser('Wong Siu Ming');
	await fx.occupy(other.id, { userId: neighbourUser.id }, 'renter');
	neighbour = await fx.actorFor(neighbourUser.id);
	billA = (await openBill(unit, 33_193, '2026-08-01')).id;
	billB = (await openBill(unit, 12_000, '2026-09-01')).id;
	billC = (await openBill(unit, 8_800, '2026-10-01')).id;
	neighbourBill = (await openBill(other, 7_700, undefined, 'renter')).id; // the neighbour rents: its bill is the renter's
});
afterAll(() => {
	setPaymentProvider('sandbox', undefined);
	setPaymentProvider('stripe', undefined);
});

type PayForm = { id: string; valid: boolean; data: { billIds: string[]; idempotencyKey: string }; errors: Record<string, unknown> };

function pay(actor: Actor, fields: Record<string, string | string[]>) {
	return actions.pay(fakeEvent({ actor, path: '/app/bills', form: { unitId: unit.id, provider: 'sandbox', ...fields } }));
}

async function failedForm(result: unknown): Promise<PayForm> {
	const failure = result as { status: number; data: { form: PayForm } };
	expect(failure.status).toBe(400);
	return failure.data.form;
}

const errorsAt = (form: PayForm, field: string): string[] => {
	const value = form.errors[field] as string[] | { _errors?: string[] } | undefined;
	return Array.isArray(value) ? value : (value?._errors ?? []);
};

describe('the bills page', () => {
	it('lists the unit with its open bills all ticked in a pay form with a fresh key per render', async () => {
		const data = await load(fakeEvent({ actor: resident, path: '/app/bills' }));
		expect(data.providers).toEqual([{ id: 'sandbox', label: 'Test payment (sandbox)' }]);
		expect(data.units).toHaveLength(1);
		const [u] = data.units;
		expect(u!.openBills.map((b) => b.id)).toEqual([billA, billB, billC]);
		// Worded on the server: the phone gets each bill's title and due date as text.
		expect(u!.openBills.map((b) => b.when)).toEqual(u!.openBills.map((b) => `Due ${businessDate(b.dueOn, 'en')}`));
		expect(u!.dueMinor).toBe(33_193 + 12_000 + 8_800);
		expect(u!.form!.id).toBe(`pay-${unit.id}`);
		expect(u!.form!.data.billIds).toEqual([billA, billB, billC]);
		expect(u!.form!.data.provider).toBe('sandbox');
		const again = await load(fakeEvent({ actor: resident, path: '/app/bills' }));
		expect(again.units[0]!.form!.data.idempotencyKey).not.toBe(u!.form!.data.idempotencyKey);
	});

	it('shows a second resident only their own unit', async () => {
		const data = await load(fakeEvent({ actor: neighbour, path: '/app/bills' }));
		expect(data.units.map((u) => u.unit.id)).toEqual([neighbourUnitId]);
		expect(data.units[0]!.openBills.map((b) => b.id)).toEqual([neighbourBill]);
	});

	it('answers 404 for another unit’s bill or payment page, and the bill page itemises one’s own', async () => {
		expect((await thrown(() => billLoad(fakeEvent({ actor: neighbour, params: { id: billA } })))).status).toBe(404);
		expect((await thrown(() => billLoad(fakeEvent({ actor: resident, params: { id: neighbourBill } })))).status).toBe(404);
		const own = await billLoad(fakeEvent({ actor: resident, params: { id: billA } }));
		expect(own.bill).toMatchObject({ id: billA, outstandingMinor: 33_193, state: 'open' });
		expect(own.pay).toMatchObject({ provider: 'sandbox', idempotencyKey: expect.any(String) });
	});

	it('refuses staff (403) and sends nobody without a session anywhere (401)', async () => {
		const staff = await fx.actorFor((await fx.makeStaff('Finance Fion', ['finance'], [unit.estateId])).id);
		expect((await thrown(() => load(fakeEvent({ actor: staff })))).status).toBe(403);
		expect((await thrown(() => load(fakeEvent({ actor: null })))).status).toBe(401);
	});

	it('puts the home card and the unit page arrears on the amounts of the open bills', async () => {
		const home = await homeLoad(fakeEvent({ actor: resident, path: '/app' }));
		expect(home.fees?.totals).toEqual([{ currency: 'CNY', dueMinor: 53_993, overdueMinor: 53_993, openBills: 3, overdueBills: 3 }]);
		const unitPage = await unitLoad(fakeEvent({ actor: resident, params: { id: unit.id } }));
		expect(unitPage.fees?.totals[0]?.overdueMinor).toBe(53_993);
		expect((await thrown(() => unitLoad(fakeEvent({ actor: neighbour, params: { id: unit.id } })))).status).toBe(404);
	});
});

describe('paying', () => {
	it('says at the bills field that nothing was chosen, keeping the key', async () => {
		const form = await failedForm(await pay(resident, { idempotencyKey: 'key-nothing-chosen' }));
		expect(form.id).toBe(`pay-${unit.id}`);
		expect(errorsAt(form, 'billIds')).toEqual(['Choose at least one bill to pay.']);
		expect(form.data.idempotencyKey).toBe('key-nothing-chosen');
	});

	it('refuses another unit’s bill at the bills field and starts nothing', async () => {
		const form = await failedForm(await pay(resident, { idempotencyKey: 'key-foreign-bill', billIds: [billA, neighbourBill] }));
		expect(errorsAt(form, 'billIds')).toEqual(['One of the chosen bills cannot be paid now: it is paid, void, or not yours.']);
		expect(await db().select().from(payments).where(eq(payments.unitId, unit.id))).toEqual([]);
	});

	it('says an unknown provider at the provider field, and a missing key above the form', async () => {
		expect(
			errorsAt(await failedForm(await pay(resident, { idempotencyKey: 'key-provider', billIds: [billA], provider: 'paypal' })), 'provider')
		).toEqual(['This payment method is not available.']);
		expect(errorsAt(await failedForm(await pay(resident, { idempotencyKey: '', billIds: [billA] })), 'idempotencyKey')).toEqual([
			'This form is out of date. Reload the page and try again.'
		]);
	});

	it('starts a sandbox payment of the chosen bills and sends the payer to the sandbox page; the same form again is the same payment', async () => {
		const redirect = await thrown(() => pay(resident, { idempotencyKey: 'key-two-bills', billIds: [billA, billB] }));
		expect(redirect.status).toBe(303);
		expect(redirect.location).toMatch(/^\/pay\/sandbox\/sbx_[0-9a-f]{32}$/);
		const again = await thrown(() => pay(resident, { idempotencyKey: 'key-two-bills', billIds: [billA, billB] }));
		expect(again.location).toBe(redirect.location);
		const started = await db().select().from(payments).where(eq(payments.unitId, unit.id));
		expect(started).toHaveLength(1);
		expect(started[0]).toMatchObject({ provider: 'sandbox', state: 'pending', amountMinor: 45_193 });

		// The same key for other bills is refused above the form, and the form gets a fresh key.
		const form = await failedForm(await pay(resident, { idempotencyKey: 'key-two-bills', billIds: [billC] }));
		expect(errorsAt(form, '_errors')).toEqual(['This payment was already started for other bills. Reload the page and try again.']);
		expect(form.data.idempotencyKey).not.toBe('key-two-bills');
	});

	it('lets only the payer see the sandbox page; paying there settles the bills and the return page shows the receipt', async () => {
		const location = (await thrown(() => pay(resident, { idempotencyKey: 'key-sandbox-pay', billIds: [billC] }))).location!;
		const ref = location.split('/').at(-1)!;
		const path = `/pay/sandbox/${ref}`;
		expect((await thrown(() => sandboxLoad(fakeEvent({ actor: neighbour, path, params: { ref } })))).status).toBe(404);
		const signedOut = await thrown(() => sandboxLoad(fakeEvent({ actor: null, path, params: { ref } })));
		expect(signedOut).toMatchObject({ status: 303, location: `/login?next=${encodeURIComponent(path)}` });
		expect(
			(await thrown(() => sandboxActions.default(fakeEvent({ actor: neighbour, path, params: { ref }, form: { outcome: 'pay' } })))).status
		).toBe(404);

		const page = await sandboxLoad(fakeEvent({ actor: resident, path, params: { ref } }));
		expect(page.payment).toMatchObject({ state: 'pending', amountMinor: 8_800, currency: 'CNY' });
		expect(page.description).toMatch(/^Property fees, bill B\d{6}$/);

		// An outcome the page does not offer (even one every object has) is a 400, and nothing happens.
		for (const outcome of ['toString', 'constructor', 'refund']) {
			const refused = await thrown(() => sandboxActions.default(fakeEvent({ actor: resident, path, params: { ref }, form: { outcome } })));
			expect(refused.status, outcome).toBe(400);
		}
		expect((await sandboxLoad(fakeEvent({ actor: resident, path, params: { ref } }))).payment.state).toBe('pending');

		const back = await thrown(() =>
			sandboxActions.default(fakeEvent({ actor: resident, path, params: { ref }, form: { outcome: 'pay' } }))
		);
		expect(back).toMatchObject({ status: 303, location: `/app/payments/${page.payment.id}?result=success` });

		const result = await paymentLoad(
			fakeEvent({ actor: resident, path: `/app/payments/${page.payment.id}?result=success`, params: { id: page.payment.id } })
		);
		expect(result.payment).toMatchObject({ state: 'succeeded', amountMinor: 8_800 });
		expect(result.payment.bills.map((b) => b.id)).toEqual([billC]);
		expect(result.payment.receipt?.href).toMatch(/^\/files\/receipt\//);
		expect((await thrown(() => paymentLoad(fakeEvent({ actor: neighbour, params: { id: page.payment.id } })))).status).toBe(404);

		const bills = await load(fakeEvent({ actor: resident, path: '/app/bills' }));
		expect(bills.units[0]!.paid.map((b) => [b.id, b.receipts.length])).toEqual([[billC, 1]]);
		expect(bills.units[0]!.openBills.map((b) => b.id)).toEqual([billA, billB]);
	});

	it('declining in the sandbox fails the payment and leaves the bills open', async () => {
		const location = (await thrown(() => pay(resident, { idempotencyKey: 'key-sandbox-decline', billIds: [billA] }))).location!;
		const ref = location.split('/').at(-1)!;
		const back = await thrown(() =>
			sandboxActions.default(fakeEvent({ actor: resident, path: `/pay/sandbox/${ref}`, params: { ref }, form: { outcome: 'decline' } }))
		);
		expect(back.location).toMatch(/\/app\/payments\/[0-9a-f-]+\?result=cancel$/);
		const id = back.location!.split('/').at(-1)!.split('?')[0]!;
		const result = await paymentLoad(fakeEvent({ actor: resident, path: `/app/payments/${id}?result=cancel`, params: { id } }));
		expect(result.payment.state).toBe('failed');
		expect(result.payment.receipt).toBeNull();
		const bill = await billLoad(fakeEvent({ actor: resident, params: { id: billA } }));
		expect(bill.bill.state).toBe('open');
	});
});

describe('with neither Stripe nor the sandbox configured', () => {
	let ref: string;
	beforeAll(async () => {
		// A checkout opened while the sandbox was on…
		const later = (await openBill(unit, 5_000, '2026-10-02')).id;
		ref = (await thrown(() => pay(resident, { billIds: [later], idempotencyKey: crypto.randomUUID() }))).location?.split('/').at(-1) ?? '';
		// …then the server restarts with the environment of a deployment that set up no provider.
		setPaymentProvider('sandbox', undefined);
		setPaymentProvider('stripe', undefined);
		for (const name of ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_API_BASE', 'SANDBOX_WEBHOOK_SECRET']) vi.stubEnv(name, '');
		vi.stubEnv('PAYMENTS_SANDBOX', 'off');
		resetConfig();
	});
	afterAll(() => {
		vi.unstubAllEnvs();
		resetConfig();
		setPaymentProvider('sandbox', sandboxProvider('bills-route-test-secret'));
		setPaymentProvider('stripe', null);
	});

	it('shows the bills with no pay form (the page says online payment is unavailable), and the counter still takes money', async () => {
		const data = await load(fakeEvent({ actor: resident, path: '/app/bills' }));
		expect(data.providers).toEqual([]);
		expect(data.units[0]!.openBills.length).toBeGreaterThan(0);
		const bill = await billLoad(fakeEvent({ actor: resident, params: { id: billA } }));
		expect(bill.pay).toBeNull();
		const finance = await fx.actorFor((await fx.makeStaff('Finance Fei', ['finance'], [unit.estateId])).id);
		const { created } = await recordCounterPayment(finance, {
			unitId: unit.id,
			billIds: [billA],
			amountMinor: 1000,
			method: 'cash',
			receiptNo: 'OFF-1',
			receivedOn: fixtureToday()
		});
		expect(created).toBe(true);
	});

	it('has no sandbox page and no sandbox webhook (404), even for a checkout opened before', async () => {
		expect(ref).toMatch(/^sbx_[0-9a-f]{32}$/);
		expect((await thrown(() => sandboxLoad(fakeEvent({ actor: resident, params: { ref } })))).status).toBe(404);
		const event = sandboxEvent(ref, 'succeeded', 'bills-route-test-secret');
		const request = new Request('http://localhost:3000/api/payments/webhook/sandbox', {
			method: 'POST',
			body: event.body,
			headers: event.headers
		});
		const response = await webhook({ params: { provider: 'sandbox' }, request } as never);
		expect(response.status).toBe(404);
	});
});
