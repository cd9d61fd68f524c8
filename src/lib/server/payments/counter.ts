import { and, asc, eq, inArray } from 'drizzle-orm';
import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { db } from '../db/client.ts';
import { bills, payments, units } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { canSeeEstate, requireStaff } from '../auth/guards.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { businessToday, parseDate } from '#lib/time/index.ts';
import { billsOutstanding } from '../fees/ledger.ts';
import { estateZone } from '../fees/estate-time.ts';
import { lockUnitMoney } from '../fees/money-lock.ts';
import type { Party } from '../fees/parties.ts';
import { feeSettings } from '../fees/settings.ts';
import { markSucceeded } from './outcome.ts';

export const counterMethods = ['cash', 'bank_transfer', 'pos'] as const;
export type CounterMethod = (typeof counterMethods)[number];

export interface CounterPaymentInput {
	unitId: string;
	amountMinor: number;
	method: CounterMethod;
	/** The paper receipt's number; one receipt is one payment. */
	receiptNo: string;
	/** 'YYYY-MM-DD', the day the money came in: may be in the past, never in the future. */
	receivedOn: string;
	/** Explicit amounts per bill; the rest of the payment is credit on the unit. */
	allocations?: readonly { billId: string; amountMinor: number }[];
	/** Or bills to pay oldest first with the amount, up to what each owes; the rest is credit. */
	billIds?: readonly string[];
	/**
	 * Whose money it is (owner or renter): the bills paid must be that party's, and credit stays
	 * with it. Without bills it is required; with bills it defaults to theirs.
	 */
	party?: Party | null;
}

export interface CounterPayment {
	paymentId: string;
	/** False when this receipt was already recorded (the same form submitted twice). */
	created: boolean;
}

/**
 * Finance records money received at the counter (cash, bank transfer, POS): succeeded at once and
 * applied on the ledger (fees/ledger.ts applyPayment) on the day it was received, with its events
 * and receipt, in one transaction. Submitting the same receipt twice records it once.
 */
export async function recordCounterPayment(actor: Actor, input: CounterPaymentInput): Promise<CounterPayment> {
	requireStaff(actor, 'payments.counter');
	if (!isUuid(input.unitId)) error(404, 'Not found');
	const [unit] = await db().select({ id: units.id, estateId: units.estateId }).from(units).where(eq(units.id, input.unitId));
	if (!unit || !canSeeEstate(actor, unit.estateId)) error(404, 'Not found');

	if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) throw new InputError('amountMinor', m.payments_amount_invalid());
	if (!(counterMethods as readonly string[]).includes(input.method)) throw new InputError('method', m.payments_method_invalid());
	const receiptNo = input.receiptNo.trim();
	if (!receiptNo || receiptNo.length > 60) throw new InputError('receiptNo', m.payments_receipt_required());
	if (!parseDate(input.receivedOn)) throw new InputError('receivedOn', m.payments_received_on_invalid());
	// Back-dated to the day the money came in, never later than today in the unit's estate.
	if (input.receivedOn > businessToday(await estateZone(db(), unit.estateId)))
		throw new InputError('receivedOn', m.payments_received_on_future());

	const wanted = input.allocations ?? [];
	const billIds = [...new Set([...wanted.map((a) => a.billId), ...(input.billIds ?? [])])];
	if (!billIds.every(isUuid)) throw new InputError('billIds', m.payments_bill_not_payable());
	for (const a of wanted) {
		if (!Number.isSafeInteger(a.amountMinor) || a.amountMinor <= 0) throw new InputError('allocations', m.payments_amount_invalid());
	}
	if (wanted.reduce((sum, a) => sum + a.amountMinor, 0) > input.amountMinor) {
		throw new InputError('allocations', m.payments_allocation_too_much());
	}
	const key = `counter:${unit.estateId}:${receiptNo}`;

	const sameReceipt = (existing: typeof payments.$inferSelect | undefined): CounterPayment => {
		if (existing && existing.unitId === unit.id && existing.amountMinor === input.amountMinor && existing.receivedOn === input.receivedOn) {
			return { paymentId: existing.id, created: false };
		}
		throw new InputError('receiptNo', m.payments_receipt_reused());
	};

	return db().transaction(async (tx) => {
		await lockUnitMoney(tx, [unit.id]);
		// The same receipt again (a double submit) is the payment already recorded, whatever the bills say now.
		const [recorded] = await tx.select().from(payments).where(eq(payments.idempotencyKey, key));
		if (recorded) return sameReceipt(recorded);
		// Lock the unit's open bills first, all of them and in the order applyPayment locks them, so
		// that a webhook settling another payment of this unit at the same moment waits for us
		// instead of deadlocking with us.
		await tx
			.select({ id: bills.id })
			.from(bills)
			.where(and(eq(bills.unitId, unit.id), eq(bills.state, 'open')))
			.orderBy(asc(bills.issuedOn), asc(bills.seq))
			.for('update');
		const chosen = billIds.length
			? await tx
					.select({ id: bills.id, state: bills.state, currency: bills.currency, party: bills.party })
					.from(bills)
					.where(and(inArray(bills.id, billIds), eq(bills.unitId, unit.id)))
					.orderBy(asc(bills.issuedOn), asc(bills.seq))
			: [];
		if (chosen.length !== billIds.length || chosen.some((b) => b.state !== 'open')) {
			throw new InputError('billIds', m.payments_bill_not_payable());
		}
		const party = chosen[0]?.party ?? input.party;
		if (!party) throw new InputError('party', m.payments_party_required());
		if (chosen.some((b) => b.party !== party) || (input.party && input.party !== party)) {
			throw new InputError('billIds', m.payments_bills_one_party());
		}
		const owed = await billsOutstanding(tx, billIds);
		let allocations: { billId: string; amountMinor: number }[];
		if (input.allocations) {
			for (const a of wanted) {
				if (a.amountMinor > (owed.get(a.billId) ?? 0)) throw new InputError('allocations', m.payments_allocation_over_bill());
			}
			allocations = wanted.map((a) => ({ billId: a.billId, amountMinor: a.amountMinor }));
		} else {
			let left = input.amountMinor;
			allocations = [];
			for (const bill of chosen) {
				const share = Math.min(left, Math.max(0, owed.get(bill.id) ?? 0));
				if (share > 0) allocations.push({ billId: bill.id, amountMinor: share });
				left -= share;
			}
		}
		const currency = chosen[0]?.currency ?? (await feeSettings(tx)).currency;
		// Born pending and made succeeded by markSucceeded, like an online payment, so both leave the same trail.
		const [created] = await tx
			.insert(payments)
			.values({
				unitId: unit.id,
				party,
				provider: 'counter',
				state: 'pending',
				amountMinor: input.amountMinor,
				currency,
				idempotencyKey: key,
				method: input.method,
				counterReceiptNo: receiptNo,
				receivedOn: input.receivedOn,
				createdBy: actor.userId
			})
			.onConflictDoNothing({ target: payments.idempotencyKey })
			.returning();
		if (!created) {
			// A concurrent submission of the same receipt won; it has committed (the insert waited).
			const [existing] = await tx.select().from(payments).where(eq(payments.idempotencyKey, key));
			return sameReceipt(existing);
		}
		await markSucceeded(tx, {
			payment: created,
			by: 'counter',
			effectiveOn: input.receivedOn,
			actor,
			allocations,
			data: { method: input.method, receiptNo }
		});
		return { paymentId: created.id, created: true };
	});
}
