import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { and, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { bills, ledgerEntries, paymentAllocations, payments, paymentWebhookEvents } from '../db/schema/index.ts';
import { actorFor, makeUser, occupy } from '../residents/test-fixtures.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { startFakeStripe, checkoutEventPayload, type FakeStripe } from '../../../../tests/fake-stripe.ts';
import { fakeEvent } from '../../../../tests/request-event.ts';
import { POST as webhookRoute } from '../../../routes/api/payments/webhook/[provider]/+server.ts';
import { startPayment, handleWebhook } from './service.ts';
import { setPaymentProvider } from './providers.ts';
import { stripeProvider } from './stripe.ts';
import { sandboxProvider, sandboxEvent, signSandboxPayload, SANDBOX_SIGNATURE_HEADER } from './sandbox.ts';
import { completeSandbox } from './sandbox-complete.ts';
import { sandboxCheckoutFor } from './queries.ts';
import { openBill, payingUnit } from './test-fixtures.ts';
import { log } from '../log.ts';

const WEBHOOK_SECRET = 'whsec_test_lobby';
const ORIGIN = 'http://localhost:3000';
let fake: FakeStripe;

beforeAll(async () => {
	fake = await startFakeStripe();
	setPaymentProvider('stripe', stripeProvider({ secretKey: 'sk_test_lobby', webhookSecret: WEBHOOK_SECRET, apiBase: fake.url }));
	setPaymentProvider('sandbox', sandboxProvider('sandbox-test-secret'));
});
afterAll(async () => {
	setPaymentProvider('stripe', undefined);
	setPaymentProvider('sandbox', undefined);
	await fake.close();
});
afterEach(() => fake.failNext(0));

function signed(payload: string, timestamp = Math.floor(Date.now() / 1000), secret = WEBHOOK_SECRET) {
	return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

/** Posts to the real route handler, the way Stripe would. */
async function postWebhook(provider: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
	const event = fakeEvent({ path: `/api/payments/webhook/${provider}`, params: { provider } }) as unknown as Record<string, unknown>;
	event.request = new Request(`${ORIGIN}/api/payments/webhook/${provider}`, {
		method: 'POST',
		body,
		headers: { 'content-type': 'application/json', ...headers }
	});
	return webhookRoute(event as never);
}

async function paymentRow(id: string) {
	const [row] = await db().select().from(payments).where(eq(payments.id, id));
	return row!;
}

async function ledgerOf(paymentId: string) {
	return db().select().from(ledgerEntries).where(eq(ledgerEntries.paymentId, paymentId));
}

async function startStripe() {
	const { unit, resident } = await payingUnit();
	const bill = await openBill(unit, 33193);
	const started = await startPayment(resident, { billIds: [bill.id], idempotencyKey: randomUUID(), provider: 'stripe', origin: ORIGIN });
	const payment = await paymentRow(started.paymentId);
	const session = fake.sessions.get(payment.providerRef!)!;
	return { unit, resident, bill, started, payment, session };
}

describe('startPayment', () => {
	it('creates one pending payment with an allocation of what each chosen bill still owes', async () => {
		const { unit, resident } = await payingUnit();
		const a = await openBill(unit, 33193);
		const b = await openBill(unit, 12000);
		// What a bill owes comes from fees/ledger.ts billsOutstanding: here 2000 of b was written off.
		await db()
			.insert(ledgerEntries)
			.values({ unitId: unit.id, party: 'owner', kind: 'write_off', amountMinor: -2000, billId: b.id, effectiveOn: '2026-10-05' });
		const started = await startPayment(resident, {
			billIds: [a.id, b.id],
			idempotencyKey: randomUUID(),
			provider: 'sandbox',
			origin: ORIGIN
		});
		expect(started).toMatchObject({ state: 'pending', amountMinor: 43193, currency: 'CNY' });
		expect(started.redirectUrl).toMatch(/^\/pay\/sandbox\/sbx_[0-9a-f]{32}$/);
		const allocations = await db().select().from(paymentAllocations).where(eq(paymentAllocations.paymentId, started.paymentId));
		expect(new Map(allocations.map((x) => [x.billId, x.amountMinor]))).toEqual(
			new Map([
				[a.id, 33193],
				[b.id, 10000]
			])
		);
		expect((await paymentRow(started.paymentId)).providerRef).toBe(started.redirectUrl!.split('/').pop());
	});

	it('refuses a bill of another unit, a paid bill and an unknown provider', async () => {
		const mine = await payingUnit('1A');
		const theirs = await payingUnit('2B');
		const foreign = await openBill(theirs.unit, 5000);
		await expect(
			startPayment(mine.resident, { billIds: [foreign.id], idempotencyKey: randomUUID(), provider: 'sandbox', origin: ORIGIN })
		).rejects.toBeInstanceOf(InputError);
		const paid = await openBill(mine.unit, 5000);
		await db().update(bills).set({ state: 'paid' }).where(eq(bills.id, paid.id));
		await expect(
			startPayment(mine.resident, { billIds: [paid.id], idempotencyKey: randomUUID(), provider: 'sandbox', origin: ORIGIN })
		).rejects.toMatchObject({ field: 'billIds' });
		const open = await openBill(mine.unit, 5000);
		await expect(
			startPayment(mine.resident, { billIds: [open.id], idempotencyKey: randomUUID(), provider: 'paypal', origin: ORIGIN })
		).rejects.toMatchObject({ field: 'provider' });
		expect(await db().select().from(payments).where(eq(payments.unitId, mine.unit.id))).toHaveLength(0);
	});

	it('answers a repeated request with the same key with the same payment, and refuses the key for other bills', async () => {
		const { unit, resident } = await payingUnit();
		const a = await openBill(unit, 1000);
		const b = await openBill(unit, 2000);
		const key = randomUUID();
		const first = await startPayment(resident, { billIds: [a.id], idempotencyKey: key, provider: 'sandbox', origin: ORIGIN });
		const again = await startPayment(resident, { billIds: [a.id], idempotencyKey: key, provider: 'sandbox', origin: ORIGIN });
		expect(again).toEqual(first);
		await expect(
			startPayment(resident, { billIds: [b.id], idempotencyKey: key, provider: 'sandbox', origin: ORIGIN })
		).rejects.toMatchObject({
			field: 'idempotencyKey'
		});
	});

	it('keys are per user: another resident of the unit with the same key gets a payment of their own', async () => {
		const { unit, resident } = await payingUnit();
		const coOwner = await makeUser('Co-owner');
		await occupy(unit.id, { userId: coOwner.id }, 'owner');
		const bill = await openBill(unit, 1000);
		const other = await openBill(unit, 2000);
		const key = randomUUID();
		const mine = await startPayment(resident, { billIds: [bill.id], idempotencyKey: key, provider: 'sandbox', origin: ORIGIN });
		const theirs = await startPayment(await actorFor(coOwner.id), {
			billIds: [other.id],
			idempotencyKey: key,
			provider: 'sandbox',
			origin: ORIGIN
		});
		expect(theirs.paymentId).not.toBe(mine.paymentId);
		expect(theirs.amountMinor).toBe(2000);
	});

	it('sends the idempotency key, the amount and the payment methods on the Stripe create call', async () => {
		const before = fake.requests.length;
		const { payment, started, session } = await startStripe();
		const calls = fake.requests.slice(before);
		expect(calls).toHaveLength(1);
		expect(calls[0]!.path).toBe('/v1/checkout/sessions');
		expect(calls[0]!.idempotencyKey).toBe(payment.idempotencyKey);
		expect(calls[0]!.params.get('line_items[0][price_data][unit_amount]')).toBe('33193');
		expect(calls[0]!.params.get('line_items[0][price_data][currency]')).toBe('cny');
		expect(session.payment_method_types).toEqual(['card', 'alipay', 'wechat_pay']);
		expect(session.payment_method_options).toEqual({ wechat_pay: { client: 'web' } });
		expect(session.client_reference_id).toBe(payment.id);
		expect(started.redirectUrl).toBe(session.url);
		expect(payment.providerRef).toBe(session.id);
	});

	it('keeps the payment pending and tells the payer to retry when Stripe fails; the retry succeeds', async () => {
		const { unit, resident } = await payingUnit();
		const bill = await openBill(unit, 4200);
		const key = randomUUID();
		fake.failNext(1);
		const logged = vi.spyOn(log(), 'error').mockImplementation(() => {});
		await expect(
			startPayment(resident, { billIds: [bill.id], idempotencyKey: key, provider: 'stripe', origin: ORIGIN })
		).rejects.toMatchObject({
			field: ''
		});
		expect(logged).toHaveBeenCalledOnce();
		expect(logged.mock.calls[0]![1]).toBe('payments: checkout failed');
		logged.mockRestore();
		const retried = await startPayment(resident, { billIds: [bill.id], idempotencyKey: key, provider: 'stripe', origin: ORIGIN });
		expect(retried.redirectUrl).toMatch(/^https:\/\/checkout\.stripe\.test\//);
		expect(await db().select().from(payments).where(eq(payments.unitId, unit.id))).toHaveLength(1);
	});

	it('50 concurrent requests for one bill with one idempotency key make exactly one payment and one checkout', async () => {
		const { unit, resident } = await payingUnit();
		const bill = await openBill(unit, 33193);
		const key = randomUUID();
		const sessionsBefore = fake.sessions.size;
		const results = await Promise.all(
			Array.from({ length: 50 }, () =>
				startPayment(resident, { billIds: [bill.id], idempotencyKey: key, provider: 'stripe', origin: ORIGIN })
			)
		);
		const rows = await db().select().from(payments).where(eq(payments.unitId, unit.id));
		expect(rows).toHaveLength(1);
		expect(new Set(results.map((r) => r.paymentId))).toEqual(new Set([rows[0]!.id]));
		expect(new Set(results.map((r) => r.redirectUrl)).size).toBe(1);
		expect(fake.sessions.size - sessionsBefore).toBe(1);
		expect(await db().select().from(paymentAllocations).where(eq(paymentAllocations.paymentId, rows[0]!.id))).toHaveLength(1);
	});
});

describe('Stripe webhooks', () => {
	it('a verified checkout.session.completed marks the payment succeeded, applies it on the ledger and pays the bill', async () => {
		const { payment, session, bill, unit } = await startStripe();
		const body = checkoutEventPayload(session, 'checkout.session.completed');
		const response = await postWebhook('stripe', body, { 'stripe-signature': signed(body) });
		expect(response.status).toBe(200);
		const after = await paymentRow(payment.id);
		expect(after.state).toBe('succeeded');
		expect(after.settledAt).not.toBeNull();
		const entries = await ledgerOf(payment.id);
		expect(entries.map((e) => ({ kind: e.kind, amountMinor: e.amountMinor, billId: e.billId, unitId: e.unitId }))).toEqual([
			{ kind: 'payment', amountMinor: -33193, billId: null, unitId: unit.id }
		]);
		expect(await db().select().from(paymentAllocations).where(eq(paymentAllocations.paymentId, payment.id))).toMatchObject([
			{ billId: bill.id, amountMinor: 33193 }
		]);
		const [billAfter] = await db().select().from(bills).where(eq(bills.id, bill.id));
		expect(billAfter!.state).toBe('paid');
	});

	it('a replayed event (same id) answers 200 and has one effect', async () => {
		const { payment, session } = await startStripe();
		const body = checkoutEventPayload(session, 'checkout.session.completed');
		const first = await postWebhook('stripe', body, { 'stripe-signature': signed(body) });
		const replay = await postWebhook('stripe', body, { 'stripe-signature': signed(body) });
		expect([first.status, replay.status]).toEqual([200, 200]);
		expect(await replay.json()).toMatchObject({ result: 'duplicate' });
		expect(await ledgerOf(payment.id)).toHaveLength(1);
	});

	it('concurrent deliveries of one event and a second success event still settle once', async () => {
		const { payment, session } = await startStripe();
		const body = checkoutEventPayload(session, 'checkout.session.completed');
		const other = checkoutEventPayload(session, 'checkout.session.async_payment_succeeded');
		const responses = await Promise.all([
			...Array.from({ length: 5 }, () => postWebhook('stripe', body, { 'stripe-signature': signed(body) })),
			postWebhook('stripe', other, { 'stripe-signature': signed(other) })
		]);
		expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
		expect(await ledgerOf(payment.id)).toHaveLength(1);
		expect(await db().select().from(paymentWebhookEvents).where(eq(paymentWebhookEvents.provider, 'stripe'))).toSatisfy(
			(rows: unknown[]) => rows.length >= 2
		);
	});

	it('a bad signature answers 400 and changes nothing', async () => {
		const { payment, session } = await startStripe();
		const body = checkoutEventPayload(session, 'checkout.session.completed');
		const wrongSecret = await postWebhook('stripe', body, { 'stripe-signature': signed(body, undefined, 'whsec_someone_else') });
		const tampered = await postWebhook('stripe', body.replace('"paid"', '"paid" '), { 'stripe-signature': signed(body) });
		const missing = await postWebhook('stripe', body);
		expect([wrongSecret.status, tampered.status, missing.status]).toEqual([400, 400, 400]);
		expect((await paymentRow(payment.id)).state).toBe('pending');
		expect(await ledgerOf(payment.id)).toHaveLength(0);
		const eventId = (JSON.parse(body) as { id: string }).id;
		expect(await db().select().from(paymentWebhookEvents).where(eq(paymentWebhookEvents.eventId, eventId))).toHaveLength(0);
	});

	it('a stale timestamp (older than 300 s) answers 400 and changes nothing', async () => {
		const { payment, session } = await startStripe();
		const body = checkoutEventPayload(session, 'checkout.session.completed');
		const response = await postWebhook('stripe', body, { 'stripe-signature': signed(body, Math.floor(Date.now() / 1000) - 301) });
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({ error: 'stale' });
		expect((await paymentRow(payment.id)).state).toBe('pending');
		expect(await ledgerOf(payment.id)).toHaveLength(0);
		expect(
			await db()
				.select()
				.from(paymentWebhookEvents)
				.where(eq(paymentWebhookEvents.eventId, (JSON.parse(body) as { id: string }).id))
		).toHaveLength(0);
	});

	it('garbage answers 400 and an unknown provider 404, never 500', async () => {
		const garbage = await postWebhook('stripe', '\u0000not json{', { 'stripe-signature': 't=abc,v1=zz' });
		expect(garbage.status).toBe(400);
		const signedGarbage = await postWebhook('stripe', 'not json', { 'stripe-signature': signed('not json') });
		expect(signedGarbage.status).toBe(400);
		expect((await postWebhook('paypal', '{}')).status).toBe(404);
		expect((await postWebhook('counter', '{}')).status).toBe(404);
	});

	it('an expired session marks the payment expired without touching the ledger; a later success changes nothing', async () => {
		const { payment, session, bill } = await startStripe();
		const expired = checkoutEventPayload(session, 'checkout.session.expired');
		expect((await postWebhook('stripe', expired, { 'stripe-signature': signed(expired) })).status).toBe(200);
		expect((await paymentRow(payment.id)).state).toBe('expired');
		const late = checkoutEventPayload(session, 'checkout.session.completed');
		expect(await (await postWebhook('stripe', late, { 'stripe-signature': signed(late) })).json()).toMatchObject({ result: 'no_change' });
		expect(await ledgerOf(payment.id)).toHaveLength(0);
		const [billAfter] = await db().select().from(bills).where(eq(bills.id, bill.id));
		expect(billAfter!.state).toBe('open');
	});

	it('a completed session that is not paid yet (delayed method) leaves the payment pending', async () => {
		const { payment, session } = await startStripe();
		const body = checkoutEventPayload(session, 'checkout.session.completed');
		const unpaid = body.replace('"payment_status":"paid"', '"payment_status":"unpaid"');
		const result = await handleWebhook('stripe', unpaid, new Headers({ 'stripe-signature': signed(unpaid) }));
		expect(result).toEqual({ status: 200, result: 'ignored' });
		expect((await paymentRow(payment.id)).state).toBe('pending');
	});

	it('only a webhook marks an online payment paid: starting it again does not', async () => {
		const { resident, bill, payment } = await startStripe();
		await startPayment(resident, {
			billIds: [bill.id],
			idempotencyKey: payment.idempotencyKey.split(':').pop()!,
			provider: 'stripe',
			origin: ORIGIN
		});
		expect((await paymentRow(payment.id)).state).toBe('pending');
		expect(await ledgerOf(payment.id)).toHaveLength(0);
	});
});

describe('sandbox', () => {
	it('completing a sandbox checkout goes through the webhook path and marks the bill paid', async () => {
		const { unit, resident } = await payingUnit();
		const bill = await openBill(unit, 8800);
		const started = await startPayment(resident, { billIds: [bill.id], idempotencyKey: randomUUID(), provider: 'sandbox', origin: ORIGIN });
		const ref = started.redirectUrl!.split('/').pop()!;
		expect(await sandboxCheckoutFor(resident, ref)).toMatchObject({ id: started.paymentId, state: 'pending', amountMinor: 8800 });
		expect(await completeSandbox(ref, 'succeeded')).toEqual({ status: 200, result: 'applied' });
		expect((await paymentRow(started.paymentId)).state).toBe('succeeded');
		expect(await ledgerOf(started.paymentId)).toHaveLength(1);
		const [billAfter] = await db().select().from(bills).where(eq(bills.id, bill.id));
		expect(billAfter!.state).toBe('paid');
		const events = await db().select().from(paymentWebhookEvents).where(eq(paymentWebhookEvents.provider, 'sandbox'));
		expect(events.some((e) => (e.payload as { data?: { ref?: string } }).data?.ref === ref)).toBe(true);
	});

	it('a failed sandbox checkout marks the payment failed; another resident cannot open it', async () => {
		const { unit, resident } = await payingUnit();
		const other = await payingUnit('9Z');
		const bill = await openBill(unit, 500);
		const started = await startPayment(resident, { billIds: [bill.id], idempotencyKey: randomUUID(), provider: 'sandbox', origin: ORIGIN });
		const ref = started.redirectUrl!.split('/').pop()!;
		await expect(sandboxCheckoutFor(other.resident, ref)).rejects.toMatchObject({ status: 404 });
		await completeSandbox(ref, 'failed');
		expect((await paymentRow(started.paymentId)).state).toBe('failed');
		expect(await ledgerOf(started.paymentId)).toHaveLength(0);
	});

	it('sandbox webhooks posted to the route are verified like Stripe ones (forged or stale → 400)', async () => {
		const { unit, resident } = await payingUnit();
		const bill = await openBill(unit, 500);
		const started = await startPayment(resident, { billIds: [bill.id], idempotencyKey: randomUUID(), provider: 'sandbox', origin: ORIGIN });
		const ref = started.redirectUrl!.split('/').pop()!;
		const forged = sandboxEvent(ref, 'succeeded', 'guessed-secret');
		expect(
			(await postWebhook('sandbox', forged.body, { [SANDBOX_SIGNATURE_HEADER]: forged.headers.get(SANDBOX_SIGNATURE_HEADER)! })).status
		).toBe(400);
		const good = sandboxEvent(ref, 'succeeded', 'sandbox-test-secret');
		const stale = signSandboxPayload(good.body, 'sandbox-test-secret', Math.floor(Date.now() / 1000) - 600);
		expect((await postWebhook('sandbox', good.body, { [SANDBOX_SIGNATURE_HEADER]: stale })).status).toBe(400);
		expect((await paymentRow(started.paymentId)).state).toBe('pending');
		expect(
			(await postWebhook('sandbox', good.body, { [SANDBOX_SIGNATURE_HEADER]: good.headers.get(SANDBOX_SIGNATURE_HEADER)! })).status
		).toBe(200);
		expect((await paymentRow(started.paymentId)).state).toBe('succeeded');
	});
});

describe.runIf(process.env.TEST_DB === 'postgres')('on PostgreSQL with parallel connections', () => {
	it('one idempotency key from 50 parallel connections inserts one payment row', async () => {
		const { unit, resident } = await payingUnit();
		const bill = await openBill(unit, 33193);
		const key = randomUUID();
		const settled = await Promise.allSettled(
			Array.from({ length: 50 }, () =>
				startPayment(resident, { billIds: [bill.id], idempotencyKey: key, provider: 'sandbox', origin: ORIGIN })
			)
		);
		expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
		const rows = await db()
			.select()
			.from(payments)
			.where(and(eq(payments.unitId, unit.id), eq(payments.provider, 'sandbox')));
		expect(rows).toHaveLength(1);
	});
});
