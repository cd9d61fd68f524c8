import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { bills, ledgerEntries, paymentAllocations, payments } from '../db/schema/index.ts';
import { actorFor, makeStaff } from '../residents/test-fixtures.ts';
import { recordCounterPayment } from './counter.ts';
import { fixtureToday } from '../fees/test-fixtures.ts';
import { unitBalance } from '../fees/ledger.ts';
import { openBill, payingUnit } from './test-fixtures.ts';

async function billState(id: string) {
	const [row] = await db().select({ state: bills.state }).from(bills).where(eq(bills.id, id));
	return row!.state;
}

function daysFromToday(days: number): string {
	const today = new Date(`${fixtureToday()}T00:00:00Z`);
	return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('recordCounterPayment', () => {
	it('records a back-dated cash payment as succeeded, on the ledger on the day received, and marks the bill paid', async () => {
		const { unit, finance } = await payingUnit();
		const bill = await openBill(unit, 33193);
		const receivedOn = daysFromToday(-20);
		const { paymentId, created } = await recordCounterPayment(finance, {
			unitId: unit.id,
			billIds: [bill.id],
			amountMinor: 33193,
			method: 'cash',
			receiptNo: 'R-000123',
			receivedOn
		});
		expect(created).toBe(true);
		const [payment] = await db().select().from(payments).where(eq(payments.id, paymentId));
		expect(payment).toMatchObject({ provider: 'counter', state: 'succeeded', method: 'cash', counterReceiptNo: 'R-000123', receivedOn });
		const entries = await db().select().from(ledgerEntries).where(eq(ledgerEntries.paymentId, paymentId));
		expect(entries.map((e) => ({ kind: e.kind, amountMinor: e.amountMinor, billId: e.billId, effectiveOn: e.effectiveOn }))).toEqual([
			{ kind: 'payment', amountMinor: -33193, billId: null, effectiveOn: receivedOn }
		]);
		expect(await billState(bill.id)).toBe('paid');
	});

	it('refuses a date in the future', async () => {
		const { unit, finance } = await payingUnit();
		const bill = await openBill(unit, 1000);
		await expect(
			recordCounterPayment(finance, {
				unitId: unit.id,
				billIds: [bill.id],
				amountMinor: 1000,
				method: 'pos',
				receiptNo: 'R-1',
				receivedOn: daysFromToday(1)
			})
		).rejects.toMatchObject({ field: 'receivedOn' });
		await expect(
			recordCounterPayment(finance, {
				unitId: unit.id,
				billIds: [bill.id],
				amountMinor: 1000,
				method: 'pos',
				receiptNo: 'R-1',
				receivedOn: '2026-02-30'
			})
		).rejects.toMatchObject({ field: 'receivedOn' });
		expect(await db().select().from(payments).where(eq(payments.unitId, unit.id))).toHaveLength(0);
	});

	it('a partial payment leaves the bill open; an overpayment pays oldest first and keeps the rest as credit', async () => {
		const { unit, finance } = await payingUnit();
		const older = await openBill(unit, 10000, '2026-09-01');
		const newer = await openBill(unit, 5000, '2026-10-01');
		await recordCounterPayment(finance, {
			unitId: unit.id,
			billIds: [older.id],
			amountMinor: 4000,
			method: 'bank_transfer',
			receiptNo: 'BT-1',
			receivedOn: fixtureToday()
		});
		expect(await billState(older.id)).toBe('open');
		const { paymentId } = await recordCounterPayment(finance, {
			unitId: unit.id,
			billIds: [newer.id, older.id],
			amountMinor: 20000,
			method: 'cash',
			receiptNo: 'C-2',
			receivedOn: fixtureToday()
		});
		const allocations = await db().select().from(paymentAllocations).where(eq(paymentAllocations.paymentId, paymentId));
		expect(new Map(allocations.map((a) => [a.billId, a.amountMinor]))).toEqual(
			new Map([
				[older.id, 6000],
				[newer.id, 5000]
			])
		);
		const entries = await db().select().from(ledgerEntries).where(eq(ledgerEntries.paymentId, paymentId));
		expect(entries.map((e) => e.amountMinor)).toEqual([-20000]);
		// 15000 charged, 24000 paid: 9000 of credit on the account.
		expect(await unitBalance(db(), unit.id)).toBe(-9000);
		expect([await billState(older.id), await billState(newer.id)]).toEqual(['paid', 'paid']);
	});

	it('explicit allocations may not exceed the payment or what a bill owes', async () => {
		const { unit, finance } = await payingUnit();
		const bill = await openBill(unit, 1000);
		const base = { unitId: unit.id, method: 'cash' as const, receiptNo: 'A-1', receivedOn: fixtureToday() };
		await expect(
			recordCounterPayment(finance, { ...base, amountMinor: 500, allocations: [{ billId: bill.id, amountMinor: 600 }] })
		).rejects.toMatchObject({
			field: 'allocations'
		});
		await expect(
			recordCounterPayment(finance, { ...base, amountMinor: 5000, allocations: [{ billId: bill.id, amountMinor: 1001 }] })
		).rejects.toMatchObject({
			field: 'allocations'
		});
		await recordCounterPayment(finance, { ...base, amountMinor: 700, allocations: [{ billId: bill.id, amountMinor: 700 }] });
		expect(await billState(bill.id)).toBe('open');
	});

	it('the same receipt submitted twice is recorded once; the number reused for another amount is refused', async () => {
		const { unit, finance } = await payingUnit();
		const bill = await openBill(unit, 1000);
		const input = {
			unitId: unit.id,
			billIds: [bill.id],
			amountMinor: 1000,
			method: 'cash' as const,
			receiptNo: 'DUP-1',
			receivedOn: fixtureToday()
		};
		const first = await recordCounterPayment(finance, input);
		const second = await recordCounterPayment(finance, input);
		expect(second).toEqual({ paymentId: first.paymentId, created: false });
		expect(await db().select().from(ledgerEntries).where(eq(ledgerEntries.paymentId, first.paymentId))).toHaveLength(1);
		const other = await openBill(unit, 300);
		await expect(recordCounterPayment(finance, { ...input, billIds: [other.id], amountMinor: 300 })).rejects.toMatchObject({
			field: 'receiptNo'
		});
	});

	it('needs payments.counter and the estate: residents, other staff and finance of another estate are refused', async () => {
		const { unit, resident } = await payingUnit();
		const elsewhere = await payingUnit('3C');
		const bill = await openBill(unit, 1000);
		const input = {
			unitId: unit.id,
			billIds: [bill.id],
			amountMinor: 1000,
			method: 'cash' as const,
			receiptNo: 'X-1',
			receivedOn: fixtureToday()
		};
		await expect(recordCounterPayment(resident, input)).rejects.toMatchObject({ status: 403 });
		const service = await actorFor((await makeStaff('Desk', ['customer_service'], [unit.estateId])).id);
		await expect(recordCounterPayment(service, input)).rejects.toMatchObject({ status: 403 });
		await expect(recordCounterPayment(elsewhere.finance, input)).rejects.toMatchObject({ status: 404 });
		expect(await db().select().from(payments).where(eq(payments.unitId, unit.id))).toHaveLength(0);
	});
});
