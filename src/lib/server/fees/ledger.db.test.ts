import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { bills, ledgerEntries, paymentAllocations, payments } from '../db/schema/index.ts';
import { billingEstate, payment } from './test-fixtures.ts';
import { runBilling } from './billing.ts';
import { applyPayment, billOutstanding, LedgerError, postEntry, unitBalance, unitStatement } from './ledger.ts';

const now = new Date('2026-11-01T02:00:00+08:00');

/** A unit of 87.35 m² with its October bill of 331.93 CNY. */
async function billedUnit() {
	const place = await billingEstate();
	const unit = await place.unit('87.35');
	await runBilling({ estateId: place.estate.id, period: '2026-10', actor: null, now });
	const [bill] = await db().select().from(bills).where(eq(bills.unitId, unit.id));
	return { place, unit, bill: bill! };
}

async function stateOf(billId: string) {
	const [row] = await db().select({ state: bills.state, paidAt: bills.paidAt }).from(bills).where(eq(bills.id, billId));
	return row!;
}

describe('applyPayment', () => {
	it('leaves a partly paid bill open with the rest outstanding', async () => {
		const { unit, bill } = await billedUnit();
		const p = await payment(unit.id, 10000);
		const result = await db().transaction((tx) =>
			applyPayment(tx, {
				unitId: unit.id,
				paymentId: p.id,
				amountMinor: 10000,
				allocations: [{ billId: bill.id, amountMinor: 10000 }],
				effectiveOn: '2026-11-03'
			})
		);
		expect(result).toMatchObject({ applied: true, paidBillIds: [], creditMinor: 0 });
		expect(result.entry).toMatchObject({ kind: 'payment', amountMinor: -10000, paymentId: p.id, billId: null });
		expect(await billOutstanding(db(), bill.id)).toBe(23193);
		expect((await stateOf(bill.id)).state).toBe('open');
		expect(await unitBalance(db(), unit.id)).toBe(23193);
		const [settled] = await db().select().from(payments).where(eq(payments.id, p.id));
		expect(settled!.state).toBe('succeeded');

		// the rest, allocated oldest bill first, pays it
		const rest = await payment(unit.id, 23193);
		const second = await db().transaction((tx) =>
			applyPayment(tx, { unitId: unit.id, paymentId: rest.id, amountMinor: 23193, effectiveOn: '2026-11-04', now })
		);
		expect(second.allocations).toEqual([{ billId: bill.id, amountMinor: 23193 }]);
		expect(second.paidBillIds).toEqual([bill.id]);
		expect(await stateOf(bill.id)).toEqual({ state: 'paid', paidAt: now });
		expect(await unitBalance(db(), unit.id)).toBe(0);
	});

	it('keeps an overpayment as credit carried into the next bill', async () => {
		const { place, unit, bill } = await billedUnit();
		const p = await payment(unit.id, 40000);
		const result = await db().transaction((tx) =>
			applyPayment(tx, { unitId: unit.id, paymentId: p.id, amountMinor: 40000, effectiveOn: '2026-11-05' })
		);
		expect(result).toMatchObject({ paidBillIds: [bill.id], creditMinor: 40000 - 33193 });
		expect(await billOutstanding(db(), bill.id)).toBe(0);
		expect(await unitBalance(db(), unit.id)).toBe(-6807);
		await runBilling({ estateId: place.estate.id, period: '2026-11', actor: null, now: new Date('2026-12-01T02:00:00+08:00') });
		expect(await unitBalance(db(), unit.id)).toBe(33193 - 6807);
	});

	it('keeps a back-dated counter payment at its day in the statement', async () => {
		const { place, unit } = await billedUnit(); // charge on 2026-11-01
		await runBilling({ estateId: place.estate.id, period: '2026-11', actor: null, now: new Date('2026-12-01T02:00:00+08:00') });
		// received at the counter on 20 November, entered in December
		const p = await payment(unit.id, 33193);
		await db().transaction((tx) => applyPayment(tx, { unitId: unit.id, paymentId: p.id, amountMinor: 33193, effectiveOn: '2026-11-20' }));
		const statement = await unitStatement(db(), unit.id);
		expect(statement.map((l) => [l.effectiveOn, l.kind, l.amountMinor, l.balanceMinor])).toEqual([
			['2026-12-01', 'charge', 33193, 33193],
			['2026-11-20', 'payment', -33193, 0],
			['2026-11-01', 'charge', 33193, 33193]
		]);
		const [entry] = await db().select().from(ledgerEntries).where(eq(ledgerEntries.paymentId, p.id));
		expect(entry!.effectiveOn).toBe('2026-11-20');
	});

	it('applies a payment once, however often it is applied (a replayed webhook)', async () => {
		const { unit, bill } = await billedUnit();
		const p = await payment(unit.id, 33193);
		const input = { unitId: unit.id, paymentId: p.id, amountMinor: 33193, effectiveOn: '2026-11-03' };
		await db().transaction((tx) => applyPayment(tx, input));
		const again = await db().transaction((tx) => applyPayment(tx, input));
		expect(again.applied).toBe(false);
		expect(await db().select().from(ledgerEntries).where(eq(ledgerEntries.paymentId, p.id))).toHaveLength(1);
		expect(await db().select().from(paymentAllocations).where(eq(paymentAllocations.billId, bill.id))).toHaveLength(1);
		expect(await unitBalance(db(), unit.id)).toBe(0);
	});

	it('uses the allocations stored when an online payment was started', async () => {
		const { unit, bill } = await billedUnit();
		const p = await payment(unit.id, 5000);
		await db().insert(paymentAllocations).values({ paymentId: p.id, billId: bill.id, amountMinor: 5000 });
		// a pending payment's allocation does not count yet
		expect(await billOutstanding(db(), bill.id)).toBe(33193);
		const result = await db().transaction((tx) =>
			applyPayment(tx, { unitId: unit.id, paymentId: p.id, amountMinor: 5000, effectiveOn: '2026-11-03' })
		);
		expect(result.allocations).toEqual([{ billId: bill.id, amountMinor: 5000 }]);
		expect(await billOutstanding(db(), bill.id)).toBe(28193);
		// a stored allocation to a bill paid meanwhile shrinks to what it owes; the rest is credit
		const late = await payment(unit.id, 30000);
		await db().insert(paymentAllocations).values({ paymentId: late.id, billId: bill.id, amountMinor: 30000 });
		const counter = await payment(unit.id, 28193);
		await db().transaction((tx) =>
			applyPayment(tx, { unitId: unit.id, paymentId: counter.id, amountMinor: 28193, effectiveOn: '2026-11-04' })
		);
		expect((await stateOf(bill.id)).state).toBe('paid');
		const lateResult = await db().transaction((tx) =>
			applyPayment(tx, { unitId: unit.id, paymentId: late.id, amountMinor: 30000, effectiveOn: '2026-11-05' })
		);
		expect(lateResult).toMatchObject({ applied: true, allocations: [], creditMinor: 30000 });
		expect(await db().select().from(paymentAllocations).where(eq(paymentAllocations.paymentId, late.id))).toEqual([]);
		expect(await billOutstanding(db(), bill.id)).toBe(0);
		expect(await unitBalance(db(), unit.id)).toBe(-30000);

		// other allocations than the stored ones are refused
		const p2 = await payment(unit.id, 1000);
		await db().insert(paymentAllocations).values({ paymentId: p2.id, billId: bill.id, amountMinor: 1000 });
		await expect(
			db().transaction((tx) =>
				applyPayment(tx, {
					unitId: unit.id,
					paymentId: p2.id,
					amountMinor: 1000,
					allocations: [{ billId: bill.id, amountMinor: 900 }],
					effectiveOn: '2026-11-03'
				})
			)
		).rejects.toThrow(LedgerError);
	});

	it('refuses allocations above what the bill owes or above the payment, and failed payments', async () => {
		const { unit, bill } = await billedUnit();
		const big = await payment(unit.id, 50000);
		await expect(
			db().transaction((tx) =>
				applyPayment(tx, {
					unitId: unit.id,
					paymentId: big.id,
					amountMinor: 50000,
					allocations: [{ billId: bill.id, amountMinor: 33194 }],
					effectiveOn: '2026-11-03'
				})
			)
		).rejects.toThrow(LedgerError);
		const small = await payment(unit.id, 100);
		await expect(
			db().transaction((tx) =>
				applyPayment(tx, {
					unitId: unit.id,
					paymentId: small.id,
					amountMinor: 100,
					allocations: [{ billId: bill.id, amountMinor: 200 }],
					effectiveOn: '2026-11-03'
				})
			)
		).rejects.toThrow(LedgerError);
		const failed = await payment(unit.id, 100, 'failed');
		await expect(
			db().transaction((tx) => applyPayment(tx, { unitId: unit.id, paymentId: failed.id, amountMinor: 100, effectiveOn: '2026-11-03' }))
		).rejects.toThrow(LedgerError);
		await expect(
			db().transaction((tx) => applyPayment(tx, { unitId: unit.id, paymentId: small.id, amountMinor: 99, effectiveOn: '2026-11-03' }))
		).rejects.toThrow(LedgerError);
		// nothing was written
		expect(await unitBalance(db(), unit.id)).toBe(33193);
		expect(await billOutstanding(db(), bill.id)).toBe(33193);
	});
});

describe('postEntry and billOutstanding', () => {
	it('counts write-offs on the bill and refuses amounts with the wrong sign', async () => {
		const { unit, bill } = await billedUnit();
		await postEntry(db(), {
			unitId: unit.id,
			party: 'owner',
			kind: 'write_off',
			amountMinor: -193,
			billId: bill.id,
			effectiveOn: '2026-11-30',
			note: 'rounding'
		});
		expect(await billOutstanding(db(), bill.id)).toBe(33000);
		expect(await unitBalance(db(), unit.id)).toBe(33000);
		await expect(
			postEntry(db(), { unitId: unit.id, party: 'owner', kind: 'charge', amountMinor: -1, effectiveOn: '2026-11-30' })
		).rejects.toThrow(LedgerError);
		await expect(
			postEntry(db(), { unitId: unit.id, party: 'owner', kind: 'payment', amountMinor: 1, effectiveOn: '2026-11-30' })
		).rejects.toThrow(LedgerError);
		await expect(
			postEntry(db(), { unitId: unit.id, party: 'owner', kind: 'charge', amountMinor: 0, effectiveOn: '2026-11-30' })
		).rejects.toThrow(LedgerError);
		await expect(
			postEntry(db(), { unitId: unit.id, party: 'owner', kind: 'charge', amountMinor: 1.5, effectiveOn: '2026-11-30' })
		).rejects.toThrow(LedgerError);
	});

	it('owes nothing on a void bill and knows no unknown bill', async () => {
		const { bill } = await billedUnit();
		await db().update(bills).set({ state: 'void' }).where(eq(bills.id, bill.id));
		expect(await billOutstanding(db(), bill.id)).toBe(0);
		await expect(billOutstanding(db(), '00000000-0000-0000-0000-000000000001')).rejects.toThrow(LedgerError);
	});
});
