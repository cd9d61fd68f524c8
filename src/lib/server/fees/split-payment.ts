/**
 * A company's one payment of the open bills of several of its units (payments.company_id: no unit
 * or party of its own), applied on the units' accounts in the caller's transaction — the ledger's
 * rule for a payment (ledger.ts applyPayment), split by unit:
 *
 * - the allocations stored when the checkout was started say how much goes to which bill; each is
 *   cut to what its bill still owes (a bill paid meanwhile at the counter), and money that arrived
 *   is never refused: the cut part stays as credit with that bill's unit and party;
 * - one negative 'payment' entry per unit and party, for its bills' part of the money (so each
 *   unit's account, 一戶一賬, shows what came in for it), all naming the one payment: the entries
 *   add up to the payment's amount;
 * - the bills now covered are marked paid (with the paid listeners), the payment succeeded.
 *
 * Applying the same payment again changes nothing (at most once per payment).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { bills, ledgerEntries, paymentAllocations, payments } from '../db/schema/index.ts';
import { billsPaid } from './paid-listeners.ts';
import { billsOutstanding, LedgerError, postEntry, type ApplyPaymentResult } from './ledger.ts';
import type { Party } from './parties.ts';

export interface ApplySplitPaymentInput {
	paymentId: string;
	/** The business date the money came in. */
	effectiveOn: string;
	createdBy?: string | null;
	now?: Date;
}

export async function applySplitPayment(tx: Tx, input: ApplySplitPaymentInput): Promise<ApplyPaymentResult> {
	const now = input.now ?? new Date();
	const [payment] = await tx.select().from(payments).where(eq(payments.id, input.paymentId)).for('update');
	if (!payment) throw new LedgerError(`No payment ${input.paymentId}.`);
	if (!payment.companyId) throw new LedgerError('Only a company payment is split across units.');
	if (payment.state === 'failed' || payment.state === 'expired') throw new LedgerError(`The payment has ${payment.state}.`);

	const [already] = await tx
		.select({ id: ledgerEntries.id })
		.from(ledgerEntries)
		.where(and(eq(ledgerEntries.paymentId, payment.id), eq(ledgerEntries.kind, 'payment')))
		.limit(1);
	if (already) return { applied: false, entry: null, allocations: [], paidBillIds: [], creditMinor: 0 };

	const stored = await tx
		.select({ billId: paymentAllocations.billId, amountMinor: paymentAllocations.amountMinor, unitId: bills.unitId, party: bills.party })
		.from(paymentAllocations)
		.innerJoin(bills, eq(bills.id, paymentAllocations.billId))
		.where(eq(paymentAllocations.paymentId, payment.id));
	if (stored.length === 0) throw new LedgerError('A company payment needs its allocations.');
	const storedTotal = stored.reduce((sum, a) => sum + a.amountMinor, 0);
	if (storedTotal !== payment.amountMinor) throw new LedgerError('The allocations differ from the payment.');

	// Lock the units' open bills so no other payment covers the same remainder meanwhile: all of each
	// unit's, in one order (unit, then as applyPayment orders one unit's), so payments never cross.
	const unitIds = [...new Set(stored.map((a) => a.unitId))].sort();
	await tx
		.select({ id: bills.id })
		.from(bills)
		.where(and(inArray(bills.unitId, unitIds), eq(bills.state, 'open')))
		.orderBy(asc(bills.unitId), asc(bills.issuedOn), asc(bills.seq))
		.for('update');
	const outstanding = await billsOutstanding(
		tx,
		stored.map((a) => a.billId)
	);

	const allocations: { billId: string; amountMinor: number }[] = [];
	const perAccount = new Map<string, { unitId: string; party: Party; amountMinor: number; creditMinor: number }>();
	for (const a of stored) {
		const given = Math.min(a.amountMinor, Math.max(0, outstanding.get(a.billId) ?? 0));
		const where = and(eq(paymentAllocations.paymentId, payment.id), eq(paymentAllocations.billId, a.billId));
		if (given === 0) await tx.delete(paymentAllocations).where(where);
		else if (given !== a.amountMinor) await tx.update(paymentAllocations).set({ amountMinor: given }).where(where);
		if (given > 0) allocations.push({ billId: a.billId, amountMinor: given });
		const key = `${a.unitId}|${a.party}`;
		const account = perAccount.get(key) ?? { unitId: a.unitId, party: a.party, amountMinor: 0, creditMinor: 0 };
		account.amountMinor += a.amountMinor;
		account.creditMinor += a.amountMinor - given;
		perAccount.set(key, account);
	}

	await tx
		.update(payments)
		.set({ state: 'succeeded', settledAt: payment.settledAt ?? now })
		.where(eq(payments.id, payment.id));
	let first: Awaited<ReturnType<typeof postEntry>> | null = null;
	for (const account of [...perAccount.values()].sort((x, y) => x.unitId.localeCompare(y.unitId) || x.party.localeCompare(y.party))) {
		const entry = await postEntry(tx, {
			unitId: account.unitId,
			party: account.party,
			kind: 'payment',
			amountMinor: -account.amountMinor,
			paymentId: payment.id,
			currency: payment.currency,
			effectiveOn: input.effectiveOn,
			createdBy: input.createdBy ?? null
		});
		first ??= entry;
	}

	const touched = allocations.map((a) => a.billId);
	const after = await billsOutstanding(tx, touched);
	const paidBillIds = touched.filter((id) => (after.get(id) ?? 1) <= 0);
	if (paidBillIds.length) {
		await tx
			.update(bills)
			.set({ state: 'paid', paidAt: now })
			.where(and(inArray(bills.id, paidBillIds), sql`${bills.state} = 'open'`));
		await billsPaid(tx, paidBillIds);
	}
	const creditMinor = [...perAccount.values()].reduce((sum, a) => sum + a.creditMinor, 0);
	return { applied: true, entry: first, allocations, paidBillIds, creditMinor };
}
