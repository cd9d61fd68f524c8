// What a payment leaves behind besides the ledger: events for the payment and the bills it paid,
// and its receipt row with the job that issues it — each once, whatever is replayed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { bills, jobs, ledgerEntries, payments, receipts } from '../db/schema/index.ts';
import type { SubjectType } from '../events/kinds.ts';
import { listEvents } from '../events/service.ts';
import { fixtureToday } from '../fees/test-fixtures.ts';
import { handleWebhook, startPayment } from './service.ts';
import { recordCounterPayment } from './counter.ts';
import { setPaymentProvider } from './providers.ts';
import { sandboxEvent, sandboxProvider } from './sandbox.ts';
import { openBill, payingUnit } from './test-fixtures.ts';

const SECRET = 'sandbox-trail-secret';
const ORIGIN = 'http://localhost:3000';

beforeAll(() => setPaymentProvider('sandbox', sandboxProvider(SECRET)));
afterAll(() => setPaymentProvider('sandbox', undefined));

async function started(amounts: number[] = [8800]) {
	const place = await payingUnit();
	const chosen = [];
	for (const amount of amounts) chosen.push(await openBill(place.unit, amount));
	const result = await startPayment(place.resident, {
		billIds: chosen.map((b) => b.id),
		idempotencyKey: randomUUID(),
		provider: 'sandbox',
		origin: ORIGIN
	});
	return { ...place, bills: chosen, paymentId: result.paymentId, ref: result.redirectUrl!.split('/').pop()! };
}

const eventsOf = async (type: SubjectType, id: string) =>
	(await listEvents(type, id)).map((e) => ({ kind: e.kind, from: e.fromState, to: e.toState, actorId: e.actorId }));
const receiptsOf = (paymentId: string) => db().select().from(receipts).where(eq(receipts.paymentId, paymentId));
async function issueJobsOf(receiptId: string) {
	return db()
		.select()
		.from(jobs)
		.where(and(eq(jobs.kind, 'receipts.issue'), sql`${jobs.payload}->>'receiptId' = ${receiptId}`));
}

describe('events and receipts of online payments', () => {
	it('a webhook success records the payment and bill events without an actor, one receipt and one issue job — once, however often it is replayed', async () => {
		const {
			resident,
			bills: [bill],
			paymentId,
			ref
		} = await started();
		const event = sandboxEvent(ref, 'succeeded', SECRET);
		const results = await Promise.all(Array.from({ length: 4 }, () => handleWebhook('sandbox', event.body, event.headers)));
		expect(results.map((r) => (r.status === 200 ? r.result : r.status)).sort()).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate']);
		// A second, different success event for the same payment changes nothing either.
		const other = sandboxEvent(ref, 'succeeded', SECRET);
		expect(await handleWebhook('sandbox', other.body, other.headers)).toEqual({ status: 200, result: 'no_change' });

		expect(await eventsOf('payment', paymentId)).toEqual([
			{ kind: 'start', from: null, to: 'pending', actorId: resident.userId },
			{ kind: 'succeed', from: 'pending', to: 'succeeded', actorId: null }
		]);
		expect(await eventsOf('bill', bill!.id)).toEqual([{ kind: 'pay', from: 'open', to: 'paid', actorId: null }]);
		const rows = await receiptsOf(paymentId);
		expect(rows).toHaveLength(1);
		expect(rows[0]!.fileId).toBeNull();
		expect(await issueJobsOf(rows[0]!.id)).toHaveLength(1);
		expect(await db().select().from(ledgerEntries).where(eq(ledgerEntries.paymentId, paymentId))).toHaveLength(1);
	});

	it('a failed or expired checkout records its event, and no receipt', async () => {
		const failed = await started();
		const expired = await started();
		const f = sandboxEvent(failed.ref, 'failed', SECRET);
		const e = sandboxEvent(expired.ref, 'expired', SECRET);
		await handleWebhook('sandbox', f.body, f.headers);
		await handleWebhook('sandbox', e.body, e.headers);
		expect((await eventsOf('payment', failed.paymentId)).at(-1)).toEqual({ kind: 'fail', from: 'pending', to: 'failed', actorId: null });
		expect((await eventsOf('payment', expired.paymentId)).at(-1)).toEqual({
			kind: 'expire',
			from: 'pending',
			to: 'expired',
			actorId: null
		});
		expect(await eventsOf('bill', failed.bills[0]!.id)).toEqual([]);
		expect([...(await receiptsOf(failed.paymentId)), ...(await receiptsOf(expired.paymentId))]).toEqual([]);
	});

	it('a webhook that fails validation writes no event and no receipt', async () => {
		const { paymentId, ref } = await started();
		const forged = sandboxEvent(ref, 'succeeded', 'not-the-secret');
		expect((await handleWebhook('sandbox', forged.body, forged.headers)).status).toBe(400);
		expect((await eventsOf('payment', paymentId)).map((e) => e.kind)).toEqual(['start']);
		expect(await receiptsOf(paymentId)).toEqual([]);
	});
});

describe('events and receipts of counter payments', () => {
	it('are recorded with the staff member as actor; only bills that became paid get a bill event', async () => {
		const { unit, finance } = await payingUnit();
		const paid = await openBill(unit, 5000, '2026-09-01');
		const partly = await openBill(unit, 9000, '2026-10-01');
		const input = {
			unitId: unit.id,
			billIds: [paid.id, partly.id],
			amountMinor: 8000,
			method: 'cash' as const,
			receiptNo: 'C-77',
			receivedOn: fixtureToday()
		};
		const { paymentId } = await recordCounterPayment(finance, input);
		expect(await eventsOf('payment', paymentId)).toEqual([{ kind: 'succeed', from: 'pending', to: 'succeeded', actorId: finance.userId }]);
		expect(await eventsOf('bill', paid.id)).toEqual([{ kind: 'pay', from: 'open', to: 'paid', actorId: finance.userId }]);
		expect(await eventsOf('bill', partly.id)).toEqual([]);
		const [payment] = await db().select().from(payments).where(eq(payments.id, paymentId));
		expect(payment).toMatchObject({ state: 'succeeded', provider: 'counter' });
		expect(payment!.settledAt).not.toBeNull();
		const rows = await receiptsOf(paymentId);
		expect(rows).toHaveLength(1);

		// The same form again: the same payment, nothing added.
		expect(await recordCounterPayment(finance, input)).toEqual({ paymentId, created: false });
		expect(await receiptsOf(paymentId)).toHaveLength(1);
		expect(await issueJobsOf(rows[0]!.id)).toHaveLength(1);
		expect(await eventsOf('payment', paymentId)).toHaveLength(1);
	});

	it('a refused counter payment leaves no payment, event or receipt behind', async () => {
		const { unit, finance } = await payingUnit();
		const bill = await openBill(unit, 1000);
		await expect(
			recordCounterPayment(finance, {
				unitId: unit.id,
				amountMinor: 5000,
				method: 'cash',
				receiptNo: 'C-1',
				receivedOn: fixtureToday(),
				allocations: [{ billId: bill.id, amountMinor: 1500 }]
			})
		).rejects.toMatchObject({ field: 'allocations' });
		expect(await db().select().from(payments).where(eq(payments.unitId, unit.id))).toEqual([]);
		expect(await eventsOf('bill', bill.id)).toEqual([]);
	});
});

describe.runIf(process.env.TEST_DB === 'postgres')('on PostgreSQL with parallel connections', () => {
	it('a webhook and a counter payment of one unit at the same moment both settle, one after the other', async () => {
		// Both lock the unit's open bills (in the same order) before they apply their payment.
		const online = await started([4000, 6000]);
		const counterBill = await openBill(online.unit, 2500, '2026-08-01');
		const event = sandboxEvent(online.ref, 'succeeded', SECRET);
		const [webhook, atCounter] = await Promise.all([
			handleWebhook('sandbox', event.body, event.headers),
			recordCounterPayment(online.finance, {
				unitId: online.unit.id,
				billIds: [counterBill.id],
				amountMinor: 2500,
				method: 'bank_transfer',
				receiptNo: 'BT-9',
				receivedOn: fixtureToday()
			})
		]);
		expect(webhook).toEqual({ status: 200, result: 'applied' });
		const states = await db().select({ state: bills.state }).from(bills).where(eq(bills.unitId, online.unit.id));
		expect(states.map((b) => b.state)).toEqual(['paid', 'paid', 'paid']);
		const [balance] = await db()
			.select({ sum: sql<string>`sum(${ledgerEntries.amountMinor})` })
			.from(ledgerEntries)
			.where(eq(ledgerEntries.unitId, online.unit.id));
		expect(Number(balance!.sum)).toBe(0);
		expect(await receiptsOf(online.paymentId)).toHaveLength(1);
		expect(await receiptsOf(atCounter.paymentId)).toHaveLength(1);
	});
});
