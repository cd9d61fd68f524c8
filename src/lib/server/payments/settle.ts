import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { bills, ledgerEntries, paymentAllocations } from '../db/schema/index.ts';
import { localDate } from '../appointments/slot-times.ts';
import { DEFAULT_TIME_ZONE } from '../calendar/working-time.ts';

/** What settling needs to know of a payment that has just succeeded. */
export interface SucceededPayment {
	id: string;
	unitId: string;
	amountMinor: number;
	currency: string;
	/** The business day the money was received (back-dated for counter payments). */
	receivedOn: string;
	createdBy: string | null;
}

/**
 * Puts a succeeded payment on the unit's account. Called once per payment, inside the transaction
 * that marks it succeeded. The fees ledger may replace the default (setSettlePayment).
 */
export type SettlePayment = (tx: Tx, payment: SucceededPayment) => Promise<void>;

/** Today's business date. */
export function businessToday(now = new Date()): string {
	return localDate(now, DEFAULT_TIME_ZONE);
}

/** What is still owed on each bill: the sum of its ledger entries (charges +, payments −). */
export async function owedOnBills(tx: Tx, billIds: readonly string[]): Promise<Map<string, number>> {
	const owed = new Map<string, number>(billIds.map((id) => [id, 0]));
	if (billIds.length === 0) return owed;
	const rows = await tx
		.select({ billId: ledgerEntries.billId, owed: sql<string>`sum(${ledgerEntries.amountMinor})` })
		.from(ledgerEntries)
		.where(inArray(ledgerEntries.billId, [...billIds]))
		.groupBy(ledgerEntries.billId);
	for (const row of rows) if (row.billId) owed.set(row.billId, Number(row.owed));
	return owed;
}

/**
 * The default: one negative 'payment' entry per allocation, the unallocated rest as credit on the
 * unit (no bill), and every bill that owes nothing any more marked paid.
 */
export const settleByAllocations: SettlePayment = async (tx, payment) => {
	const allocations = await tx
		.select({ billId: paymentAllocations.billId, amountMinor: paymentAllocations.amountMinor })
		.from(paymentAllocations)
		.where(eq(paymentAllocations.paymentId, payment.id))
		.orderBy(asc(paymentAllocations.billId));
	const billIds = allocations.map((a) => a.billId);
	// Lock the bills in a fixed order so two payments of the same bills settle one after the other.
	if (billIds.length) {
		await tx.select({ id: bills.id }).from(bills).where(inArray(bills.id, billIds)).orderBy(asc(bills.id)).for('update');
	}
	const base = {
		unitId: payment.unitId,
		kind: 'payment' as const,
		currency: payment.currency,
		paymentId: payment.id,
		effectiveOn: payment.receivedOn,
		createdBy: payment.createdBy
	};
	const allocated = allocations.reduce((sum, a) => sum + a.amountMinor, 0);
	const rows: (typeof ledgerEntries.$inferInsert)[] = allocations.map((a) => ({ ...base, billId: a.billId, amountMinor: -a.amountMinor }));
	if (payment.amountMinor > allocated) {
		rows.push({ ...base, billId: null, note: 'credit', amountMinor: -(payment.amountMinor - allocated) });
	}
	if (rows.length) await tx.insert(ledgerEntries).values(rows);
	const owed = await owedOnBills(tx, billIds);
	const settled = billIds.filter((id) => (owed.get(id) ?? 0) <= 0);
	if (settled.length) {
		await tx
			.update(bills)
			.set({ state: 'paid', paidAt: sql`now()` })
			.where(sql`${inArray(bills.id, settled)} and ${bills.state} = 'open'`);
	}
};

let current: SettlePayment = settleByAllocations;

/** The settle step in use (the fees ledger may install its own at start-up). */
export function settlePayment(): SettlePayment {
	return current;
}

export function setSettlePayment(settle: SettlePayment): void {
	current = settle;
}
