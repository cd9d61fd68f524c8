/**
 * The unit's account (一戶一賬). Every charge, payment, refund, deduction and write-off is an
 * append-only ledger entry in integer minor units: positive = owed by the unit, negative = paid
 * or credited. The balance is the sum; a negative balance is credit carried forward.
 *
 * What a bill still owes (billOutstanding) is derived, never stored:
 *   bill.totalMinor
 *   − Σ payment_allocations of the bill whose payment has succeeded
 *   + Σ ledger entries on the bill (billId) of kind write_off / deduction / credit_note (negative
 *     amounts: BILL_ADJUSTMENT_KINDS)
 * A void bill owes nothing (its charge is reversed by a 'reversal' entry: fees/corrections.ts). Payment entries are per payment (paymentId, no billId): one payment
 * may cover several bills, and its allocations say how much of it went to which bill; whatever is
 * not allocated stays on the account as credit.
 */
import { billsPaid } from './paid-listeners.ts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '../db/client.ts';
import { bills, ledgerEntries, paymentAllocations, payments } from '../db/schema/index.ts';
import { parseDate } from '#lib/time/index.ts';
import type { Party } from './parties.ts';
import { fileInArchive } from '../archive/file.ts';
import { partyOccupancy } from '../archive/party-occupancy.ts';

export type LedgerKind = (typeof ledgerEntries.$inferSelect)['kind'];
export type LedgerEntry = typeof ledgerEntries.$inferSelect;

/** A programming or consistency error of a ledger call (the caller validated the user's input). */
export class LedgerError extends Error {
	override name = 'LedgerError';
}

/** Kinds whose sign is fixed: charges and refunds add to what is owed, payments and write-offs take off. */
const SIGN: Partial<Record<LedgerKind, 1 | -1>> = { charge: 1, refund: 1, payment: -1, write_off: -1, credit_note: -1, reversal: -1 };

/** Entries on a bill that change what it owes besides payments (see the file comment). */
const BILL_ADJUSTMENT_KINDS = ['write_off', 'deduction', 'credit_note'] as const satisfies readonly LedgerKind[];
/** BILL_ADJUSTMENT_KINDS as an SQL list, for `le.kind in (…)`. */
export const billAdjustmentKindsSql = sql.raw(BILL_ADJUSTMENT_KINDS.map((k) => `'${k}'`).join(', '));

export interface PostEntryInput {
	unitId: string;
	/** Whose part of the account (the bill's, payment's or refund's party). */
	party: Party;
	kind: LedgerKind;
	amountMinor: number;
	effectiveOn: string;
	billId?: string | null;
	paymentId?: string | null;
	currency?: string;
	note?: string;
	createdBy?: string | null;
}

/** Appends one entry; the amount must be a non-zero integer with the kind's sign. */
export async function postEntry(tx: Executor, input: PostEntryInput): Promise<LedgerEntry> {
	if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor === 0) {
		throw new LedgerError(`A ledger amount must be a non-zero integer of minor units, got ${input.amountMinor}.`);
	}
	const sign = SIGN[input.kind];
	if (sign && Math.sign(input.amountMinor) !== sign) {
		throw new LedgerError(`A ${input.kind} entry must be ${sign > 0 ? 'positive' : 'negative'}.`);
	}
	if (!parseDate(input.effectiveOn)) throw new LedgerError(`Not a date: '${input.effectiveOn}'.`);
	const [row] = await tx
		.insert(ledgerEntries)
		.values({
			unitId: input.unitId,
			party: input.party,
			kind: input.kind,
			amountMinor: input.amountMinor,
			effectiveOn: input.effectiveOn,
			billId: input.billId ?? null,
			paymentId: input.paymentId ?? null,
			currency: input.currency ?? 'CNY',
			note: input.note ?? '',
			createdBy: input.createdBy ?? null
		})
		.returning();
	return row!;
}

/** The unit's balance in minor units (> 0 owed, < 0 credit): the whole account, or one party's part. */
export async function unitBalance(executor: Executor, unitId: string, party?: Party): Promise<number> {
	const [row] = await executor
		.select({ balance: sql<string>`coalesce(sum(${ledgerEntries.amountMinor}), 0)::bigint` })
		.from(ledgerEntries)
		.where(and(eq(ledgerEntries.unitId, unitId), party ? eq(ledgerEntries.party, party) : undefined));
	return Number(row!.balance);
}

/**
 * What the bill `b` (an SQL alias) still owes, as an SQL expression: the one statement of the rule
 * in the file comment, used by every query that needs it (lists, arrears, reminders).
 */
export const owedSql = sql`(case when b.state = 'void' then 0 else
	b.total_minor
	- coalesce((select sum(pa.amount_minor) from payment_allocations pa join payments p on p.id = pa.payment_id
		where pa.bill_id = b.id and p.state = 'succeeded'), 0)
	+ coalesce((select sum(le.amount_minor) from ledger_entries le
		where le.bill_id = b.id and le.kind in (${billAdjustmentKindsSql})), 0)
end)`;

/** What each bill still owes (see the file comment); bills not found are left out. */
export async function billsOutstanding(executor: Executor, billIds: readonly string[]): Promise<Map<string, number>> {
	if (billIds.length === 0) return new Map();
	const rows = await queryRows<{ id: string; outstanding: string }>(
		executor,
		sql`select b.id, ${owedSql}::bigint as outstanding
		from bills b where b.id in (${sql.join(
			billIds.map((id) => sql`${id}::uuid`),
			sql`, `
		)})`
	);
	return new Map(rows.map((r) => [r.id, Number(r.outstanding)]));
}

/** What the bill still owes in minor units (see the file comment). */
export async function billOutstanding(executor: Executor, billId: string): Promise<number> {
	const outstanding = (await billsOutstanding(executor, [billId])).get(billId);
	if (outstanding === undefined) throw new LedgerError(`No bill ${billId}.`);
	return outstanding;
}

export interface StatementLine {
	id: number;
	kind: LedgerKind;
	party: Party;
	amountMinor: number;
	currency: string;
	effectiveOn: string;
	billId: string | null;
	paymentId: string | null;
	note: string;
	createdAt: Date;
	/** The balance after this entry, in business-date order (effectiveOn, then entry order). */
	balanceMinor: number;
}

/**
 * The unit's entries, newest business date first, each with the running balance after it.
 * A back-dated entry sits at its effective date and the balances after it include it.
 */
export async function unitStatement(executor: Executor, unitId: string, options: { limit?: number } = {}): Promise<StatementLine[]> {
	const limit = options.limit ?? 200;
	const rows = await queryRows<{
		id: string | number;
		kind: LedgerKind;
		party: Party;
		amount_minor: number;
		currency: string;
		effective_on: string | Date;
		bill_id: string | null;
		payment_id: string | null;
		note: string;
		created_at: string | Date;
		balance: string | number;
	}>(
		executor,
		sql`select * from (
			select id, kind, party, amount_minor, currency, effective_on::text as effective_on, bill_id, payment_id, note, created_at,
				sum(amount_minor) over (order by effective_on, id rows between unbounded preceding and current row)::bigint as balance
			from ledger_entries where unit_id = ${unitId}::uuid
		) s order by effective_on desc, id desc limit ${limit}`
	);
	return rows.map((r) => ({
		id: Number(r.id),
		kind: r.kind,
		party: r.party,
		amountMinor: Number(r.amount_minor),
		currency: r.currency,
		effectiveOn: String(r.effective_on),
		billId: r.bill_id,
		paymentId: r.payment_id,
		note: r.note,
		createdAt: new Date(r.created_at),
		balanceMinor: Number(r.balance)
	}));
}

export interface Allocation {
	billId: string;
	amountMinor: number;
}

export interface ApplyPaymentInput {
	unitId: string;
	paymentId: string;
	amountMinor: number;
	/**
	 * How much of the payment goes to which bill. Omitted: the allocations stored with the payment
	 * when it was started (online checkout; each cut to what its bill still owes), else the open
	 * bills of the payment's party, oldest first. Whatever is not allocated stays on the party's
	 * part of the account as credit.
	 */
	allocations?: readonly Allocation[];
	/** The business date: a counter payment received on an earlier day keeps that day. */
	effectiveOn: string;
	createdBy?: string | null;
	note?: string;
	now?: Date;
}

export interface ApplyPaymentResult {
	/** false: the payment had already been applied (a replayed webhook); nothing changed. */
	applied: boolean;
	entry: LedgerEntry | null;
	allocations: Allocation[];
	/** Bills this payment made fully paid. */
	paidBillIds: string[];
	/** The part of the payment left as credit on the account. */
	creditMinor: number;
}

/**
 * The effect of a succeeded payment, in the caller's transaction: marks the payment succeeded,
 * records its allocations, appends one negative 'payment' entry, and marks each bill that is now
 * fully covered 'paid'. Applying the same payment again changes nothing (at most once per payment).
 * A failed or expired payment, a payment of another unit or amount, an allocation above what a
 * bill owes, or allocations above the amount are refused with a LedgerError.
 */
export async function applyPayment(tx: Tx, input: ApplyPaymentInput): Promise<ApplyPaymentResult> {
	const now = input.now ?? new Date();
	if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) {
		throw new LedgerError('A payment amount must be a positive integer of minor units.');
	}
	const [payment] = await tx.select().from(payments).where(eq(payments.id, input.paymentId)).for('update');
	if (!payment) throw new LedgerError(`No payment ${input.paymentId}.`);
	if (payment.unitId !== input.unitId) throw new LedgerError('The payment belongs to another unit.');
	// A company's payment of several units has no party of its own: split-payment.ts applies it.
	if (!payment.party) throw new LedgerError('A company payment is applied by applySplitPayment.');
	const party = payment.party;
	if (payment.amountMinor !== input.amountMinor) throw new LedgerError('The amount differs from the payment.');
	if (payment.state === 'failed' || payment.state === 'expired') throw new LedgerError(`The payment has ${payment.state}.`);

	const [already] = await tx
		.select()
		.from(ledgerEntries)
		.where(and(eq(ledgerEntries.paymentId, payment.id), eq(ledgerEntries.kind, 'payment')));
	if (already) return { applied: false, entry: already, allocations: [], paidBillIds: [], creditMinor: 0 };

	// Lock the unit's open bills so two payments cannot both cover the same remainder (all of the
	// unit's, in one order, whatever the party: payments of both parties lock alike, never crosswise).
	const openBills = await tx
		.select({ id: bills.id, party: bills.party })
		.from(bills)
		.where(and(eq(bills.unitId, input.unitId), eq(bills.state, 'open')))
		.orderBy(asc(bills.issuedOn), asc(bills.seq))
		.for('update');
	const partyBills = openBills.filter((b) => b.party === party);
	const outstanding = await billsOutstanding(
		tx,
		partyBills.map((b) => b.id)
	);

	const stored = await tx
		.select({ billId: paymentAllocations.billId, amountMinor: paymentAllocations.amountMinor })
		.from(paymentAllocations)
		.where(eq(paymentAllocations.paymentId, payment.id));
	if (stored.length && input.allocations && !sameAllocations(stored, input.allocations)) {
		throw new LedgerError('The payment already has other allocations.');
	}
	let given: readonly Allocation[] | null = input.allocations ?? null;
	if (!given && stored.length) {
		// Money that arrived is never refused: a stored allocation to a bill paid meanwhile (e.g. at
		// the counter) shrinks to what the bill still owes, and the rest stays on the account as credit.
		given = stored.map((a) => ({ billId: a.billId, amountMinor: Math.min(a.amountMinor, Math.max(0, outstanding.get(a.billId) ?? 0)) }));
		for (const a of given) {
			const where = and(eq(paymentAllocations.paymentId, payment.id), eq(paymentAllocations.billId, a.billId));
			const before = stored.find((b) => b.billId === a.billId)!.amountMinor;
			if (a.amountMinor === 0) await tx.delete(paymentAllocations).where(where);
			else if (a.amountMinor !== before) await tx.update(paymentAllocations).set({ amountMinor: a.amountMinor }).where(where);
		}
	}
	let allocations: Allocation[];
	if (given) {
		allocations = given.filter((a) => a.amountMinor !== 0);
		const seen = new Set<string>();
		for (const a of allocations) {
			if (!Number.isSafeInteger(a.amountMinor) || a.amountMinor < 0) throw new LedgerError('An allocation must be a positive integer.');
			if (seen.has(a.billId)) throw new LedgerError('A bill is allocated twice.');
			seen.add(a.billId);
			const owed = outstanding.get(a.billId);
			if (owed === undefined) throw new LedgerError(`Bill ${a.billId} is not an open bill of this unit and party.`);
			if (a.amountMinor > owed) throw new LedgerError(`The allocation to bill ${a.billId} is more than the ${owed} it owes.`);
		}
	} else {
		allocations = [];
		let left = input.amountMinor;
		for (const { id } of partyBills) {
			const owed = outstanding.get(id) ?? 0;
			if (left <= 0) break;
			if (owed <= 0) continue;
			const part = Math.min(owed, left);
			allocations.push({ billId: id, amountMinor: part });
			left -= part;
		}
	}
	const allocated = allocations.reduce((sum, a) => sum + a.amountMinor, 0);
	if (allocated > input.amountMinor) throw new LedgerError('The allocations are more than the payment.');

	await tx
		.update(payments)
		.set({ state: 'succeeded', settledAt: payment.settledAt ?? now })
		.where(eq(payments.id, payment.id));
	if (allocations.length) {
		// Allocations written when the payment was started (online checkout) are kept as they are.
		await tx
			.insert(paymentAllocations)
			.values(allocations.map((a) => ({ paymentId: payment.id, billId: a.billId, amountMinor: a.amountMinor })))
			.onConflictDoNothing();
	}
	const entry = await postEntry(tx, {
		unitId: input.unitId,
		party,
		kind: 'payment',
		amountMinor: -input.amountMinor,
		paymentId: payment.id,
		currency: payment.currency,
		effectiveOn: input.effectiveOn,
		note: input.note ?? '',
		createdBy: input.createdBy ?? null
	});

	// The payment (its receipt) is filed in the unit's file, in its party's occupancy's part.
	await fileInArchive(tx, {
		unitId: input.unitId,
		occupancyId: await partyOccupancy(tx, input.unitId, party, input.effectiveOn),
		kind: 'payment',
		sourceType: 'payment',
		sourceId: payment.id,
		summary: { amountMinor: input.amountMinor, currency: payment.currency },
		actor: input.createdBy ? { userId: input.createdBy } : null
	});
	const touched = allocations.map((a) => a.billId);
	const after = await billsOutstanding(tx, touched);
	const paidBillIds = touched.filter((id) => (after.get(id) ?? 1) <= 0);
	if (paidBillIds.length) {
		await tx.update(bills).set({ state: 'paid', paidAt: now }).where(inArray(bills.id, paidBillIds));
		await billsPaid(tx, paidBillIds);
	}
	return { applied: true, entry, allocations, paidBillIds, creditMinor: input.amountMinor - allocated };
}

function sameAllocations(a: readonly Allocation[], b: readonly Allocation[]): boolean {
	const key = (list: readonly Allocation[]) =>
		list
			.filter((x) => x.amountMinor !== 0)
			.map((x) => `${x.billId}:${x.amountMinor}`)
			.sort()
			.join(',');
	return key(a) === key(b);
}
