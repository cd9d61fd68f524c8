import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { paymentAllocations, paymentWebhookEvents, payments } from '../db/schema/index.ts';
import { staffActor } from '../property/testing/fixtures.ts';
import { billingEstate, payment } from '../fees/test-fixtures.ts';
import { issueBill } from '../fees/issue-bill.ts';
import { applyPayment, postEntry, unitStatement } from '../fees/ledger.ts';
import { financeReport, financeScope } from './finance.ts';

const now = new Date('2026-12-15T12:00:00+08:00');

async function bill(unitId: string, amountMinor: number, issuedOn: string, source: 'manual' | 'deposit' = 'manual') {
	const issued = await db().transaction((tx) =>
		issueBill(tx, {
			unitId,
			payer: { party: 'owner' },
			source,
			lines: [{ feeItemId: null, nameEn: 'Fee', nameZhHans: '费', nameZhHant: '費', quantity: '1', priceMicro: amountMinor * 10_000 }],
			issuedOn,
			actorId: null
		})
	);
	return issued.billId;
}

async function pay(unitId: string, amountMinor: number, effectiveOn: string, allocations: { billId: string; amountMinor: number }[] = []) {
	const p = await payment(unitId, amountMinor);
	await db().update(payments).set({ receivedOn: effectiveOn }).where(eq(payments.id, p.id));
	await db().transaction((tx) => applyPayment(tx, { unitId, paymentId: p.id, amountMinor, allocations, effectiveOn }));
	return p.id;
}

/** The balance of a unit at the end of a day, read from its statement. */
async function balanceAt(unitId: string, day: string): Promise<number> {
	const lines = await unitStatement(db(), unitId, { limit: 1000 });
	return lines.find((l) => l.effectiveOn <= day)?.balanceMinor ?? 0;
}

/**
 * A small estate by hand: two units, bills in October and November, payments on time, late,
 * partly and too much, a write-off.
 */
async function handMadeEstate() {
	const place = await billingEstate();
	const a = await place.unit('50.00');
	const b = await place.unit('60.00');
	const a1 = await bill(a.id, 40000, '2026-09-25'); // September: before the range
	const a2 = await bill(a.id, 40000, '2026-10-01');
	const b1 = await bill(b.id, 60000, '2026-10-01');
	await pay(a.id, 40000, '2026-10-03', [{ billId: a1, amountMinor: 40000 }]);
	await pay(a.id, 25000, '2026-10-20', [{ billId: a2, amountMinor: 25000 }]);
	await pay(b.id, 70000, '2026-10-28', [{ billId: b1, amountMinor: 60000 }]); // 100.00 left as credit
	const a3 = await bill(a.id, 40000, '2026-11-01');
	await pay(a.id, 15000, '2026-11-05', [{ billId: a2, amountMinor: 15000 }]); // October's bill, paid in November
	await db().transaction((tx) =>
		postEntry(tx, {
			unitId: a.id,
			party: 'owner',
			kind: 'write_off',
			amountMinor: -5000,
			billId: a3,
			effectiveOn: '2026-11-30',
			note: 'goodwill'
		})
	);
	const b2 = await bill(b.id, 60000, '2026-11-01');
	return { place, a, b, bills: { a1, a2, a3, b1, b2 } };
}

describe('the finance report', () => {
	it('agrees with the unit ledgers of a month built by hand', async () => {
		const { place, a, b } = await handMadeEstate();
		const finance = await staffActor(['finance'], [place.estate.id]);
		const report = await financeReport(finance, { from: '2026-10', to: '2026-11' }, { now });
		expect(report.scope.months).toEqual(['2026-10', '2026-11']);
		const [october, november] = report.estates[0]!.months;

		expect(october).toMatchObject({
			billedMinor: 40000 + 60000,
			collectedMinor: 40000 + 25000 + 70000,
			adjustmentsMinor: 0,
			// a: 40000 + 40000 − 40000 − 25000 = 15000 owed; b: 60000 − 70000 = 10000 credit
			outstandingMinor: 15000,
			creditMinor: 10000,
			billsMinor: 100000,
			billsPaidMinor: 25000 + 15000 + 60000
		});
		expect(october!.collectionRate).toBeCloseTo(1, 10);
		expect(november).toMatchObject({
			billedMinor: 40000 + 60000,
			collectedMinor: 15000,
			adjustmentsMinor: -5000,
			// a: 15000 + 40000 − 15000 − 5000 = 35000; b: −10000 + 60000 = 50000
			outstandingMinor: 35000 + 50000,
			creditMinor: 0,
			billsMinor: 100000,
			billsPaidMinor: 0,
			collectionRate: 0
		});
		// The same as each unit's own statement at the month's end.
		for (const [month, end] of [
			[october!, '2026-10-31'],
			[november!, '2026-11-30']
		] as const) {
			const balances = [await balanceAt(a.id, end), await balanceAt(b.id, end)];
			expect(month.outstandingMinor).toBe(balances.filter((x) => x > 0).reduce((s, x) => s + x, 0));
			expect(month.creditMinor).toBe(balances.filter((x) => x < 0).reduce((s, x) => s - x, 0));
		}
		// Month to month, the net balance moves by billed − collected + adjustments.
		expect(november!.outstandingMinor - november!.creditMinor - (october!.outstandingMinor - october!.creditMinor)).toBe(
			november!.billedMinor - november!.collectedMinor + november!.adjustmentsMinor
		);
		expect(report.totals).toEqual(report.estates[0]!.months);
		expect(report.reconciliation.mismatchCount).toBe(0);
		expect(report.reconciliation.byProvider).toEqual([
			{ provider: 'counter', payments: 4, paymentsMinor: 150000, entries: 4, entriesMinor: 150000, webhooks: 0, mismatches: 0 }
		]);
	});

	it('stays inside the staff member’s estates and needs fees.read', async () => {
		const mine = await handMadeEstate();
		const theirs = await handMadeEstate();
		const finance = await staffActor(['finance'], [mine.place.estate.id]);
		const all = await financeReport(finance, { from: '2026-10', to: '2026-10' }, { now });
		expect(all.scope.selected.map((e) => e.id)).toEqual([mine.place.estate.id]);
		expect(all.totals[0]!.billedMinor).toBe(100000);
		const status = async (fn: () => Promise<unknown>) => {
			try {
				await fn();
			} catch (err) {
				return (err as { status: number }).status;
			}
			return 200;
		};
		expect(await status(() => financeReport(finance, { estate: theirs.place.estate.id }, { now }))).toBe(404);
		const engineer = await staffActor(['engineering'], [mine.place.estate.id]);
		expect(await status(() => financeReport(engineer, {}, { now }))).toBe(403);
		expect(await status(() => financeReport(null, {}, { now }))).toBe(401);
		const admin = await staffActor(['admin']);
		const both = await financeReport(admin, { estate: theirs.place.estate.id, from: '2026-10', to: '2026-10' }, { now });
		expect(both.totals[0]!.billedMinor).toBe(100000);
	});

	it('defaults to the last six months, puts a reversed range right and caps it at 24 months', async () => {
		const finance = await staffActor(['finance'], []);
		expect((await financeScope(finance, {}, { now })).months).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
		expect(await financeScope(finance, { from: '2026-11', to: '2026-09' }, { now })).toMatchObject({ from: '2026-09', to: '2026-11' });
		const long = await financeScope(finance, { from: '2020-01', to: '2026-12' }, { now });
		expect(long.months).toHaveLength(24);
		expect(long.from).toBe('2025-01');
		expect((await financeScope(finance, { from: 'junk', to: '13-2026' }, { now })).to).toBe('2026-12');
	});
});

describe('the reconciliation', () => {
	it('lists every payment and ledger entry that does not match, per provider and day', async () => {
		const place = await billingEstate();
		const unit = await place.unit('70.00');
		const finance = await staffActor(['finance'], [place.estate.id]);
		const billId = await bill(unit.id, 90000, '2026-11-01');
		const insertPayment = async (provider: 'counter' | 'sandbox' | 'stripe', amountMinor: number, providerRef: string | null = null) => {
			const [row] = await db()
				.insert(payments)
				.values({
					unitId: unit.id,
					party: 'owner',
					provider,
					state: 'succeeded',
					amountMinor,
					idempotencyKey: randomUUID(),
					providerRef,
					receivedOn: '2026-11-10',
					settledAt: new Date('2026-11-10T04:00:00Z')
				})
				.returning();
			return row!;
		};
		// 1. a succeeded counter payment never put on the ledger
		const lost = await insertPayment('counter', 1000);
		// 2. a ledger payment entry with no payment behind it
		await db().transaction((tx) =>
			postEntry(tx, {
				unitId: unit.id,
				party: 'owner',
				kind: 'payment',
				amountMinor: -2000,
				paymentId: randomUUID(),
				effectiveOn: '2026-11-10'
			})
		);
		// 3. a payment whose ledger entry says another amount
		const differs = await insertPayment('counter', 3000);
		await db().transaction((tx) =>
			postEntry(tx, {
				unitId: unit.id,
				party: 'owner',
				kind: 'payment',
				amountMinor: -3100,
				paymentId: differs.id,
				effectiveOn: '2026-11-10'
			})
		);
		// 4. an online payment on the ledger without its provider's event
		const silent = await insertPayment('sandbox', 4000, 'sbx_silent');
		await db().transaction((tx) =>
			postEntry(tx, {
				unitId: unit.id,
				party: 'owner',
				kind: 'payment',
				amountMinor: -4000,
				paymentId: silent.id,
				effectiveOn: '2026-11-10'
			})
		);
		// and one online payment that matches everywhere
		const fine = await insertPayment('stripe', 5000, 'cs_test_fine');
		await db().insert(paymentAllocations).values({ paymentId: fine.id, billId, amountMinor: 5000 });
		await db().transaction((tx) =>
			postEntry(tx, { unitId: unit.id, party: 'owner', kind: 'payment', amountMinor: -5000, paymentId: fine.id, effectiveOn: '2026-11-10' })
		);
		await db()
			.insert(paymentWebhookEvents)
			.values({
				provider: 'stripe',
				eventId: `evt_${randomUUID()}`,
				type: 'checkout.session.completed',
				payload: { data: { object: { id: 'cs_test_fine', object: 'checkout.session' } } },
				receivedAt: new Date('2026-11-10T04:00:00Z')
			});

		const { reconciliation } = await financeReport(finance, { from: '2026-11', to: '2026-11' }, { now });
		expect(reconciliation.mismatchCount).toBe(4);
		const found = reconciliation.mismatches.map((x) => [x.kind, x.provider, x.amountMinor, x.ledgerMinor]);
		expect(found).toEqual(
			expect.arrayContaining([
				['missing_ledger', 'counter', 1000, 0],
				['orphan_ledger', null, 2000, 2000],
				['amount_differs', 'counter', 3000, 3100],
				['missing_webhook', 'sandbox', 4000, 4000]
			])
		);
		expect(reconciliation.mismatches.find((x) => x.kind === 'missing_ledger')!.paymentId).toBe(lost.id);
		expect(reconciliation.mismatches.every((x) => x.day === '2026-11-10' && x.unit.endsWith(unit.number))).toBe(true);
		const day = (provider: string | null) => reconciliation.days.find((d) => d.provider === provider && d.day === '2026-11-10');
		expect(day('counter')).toMatchObject({ payments: 2, paymentsMinor: 4000, entries: 1, entriesMinor: 3100, mismatches: 2 });
		expect(day('stripe')).toMatchObject({ payments: 1, paymentsMinor: 5000, entries: 1, entriesMinor: 5000, webhooks: 1, mismatches: 0 });
		expect(day('sandbox')).toMatchObject({ payments: 1, webhooks: 0, mismatches: 1 });
		expect(day(null)).toMatchObject({ payments: 0, entries: 1, entriesMinor: 2000, mismatches: 1 });
		// The payments collected agree with the ledger, mismatches and all.
		const [november] = (await financeReport(finance, { from: '2026-11', to: '2026-11' }, { now })).totals;
		expect(november!.collectedMinor).toBe(2000 + 3100 + 4000 + 5000);
		expect(november!.billsPaidMinor).toBe(5000);
	});
});
