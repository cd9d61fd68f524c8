/**
 * The end of a pending payment, in the caller's transaction. Whatever the path (a provider's
 * webhook, a counter payment), a success goes through the fees ledger's applyPayment and leaves
 * the same trail: the payment's event, an event for every bill it made paid, and the receipt row
 * with its issue job.
 */
import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { payments } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { recordEvent } from '../events/service.ts';
import { applyPayment, type Allocation } from '../fees/ledger.ts';
import { createReceipt } from '../receipts/issue.ts';

type PaymentRow = typeof payments.$inferSelect;

export interface SucceedInput {
	/** The payment, still pending. */
	payment: PaymentRow;
	/** The business day the money came in (back-dated for counter payments). */
	effectiveOn: string;
	/** Who made it succeed: the staff member at the counter; null for a provider's webhook. */
	actor: Pick<Actor, 'userId'> | null;
	/** Counter payments say where the money goes; online ones use the allocations stored at start. */
	allocations?: readonly Allocation[];
	/** Extra facts for the payment's event (the provider's event id, say). */
	data?: Record<string, unknown>;
}

export interface Succeeded {
	/** false: the payment had already been applied; nothing was written. */
	applied: boolean;
	paidBillIds: string[];
	receiptId: string | null;
}

export async function markSucceeded(tx: Tx, input: SucceedInput): Promise<Succeeded> {
	const { payment } = input;
	const result = await applyPayment(tx, {
		unitId: payment.unitId,
		paymentId: payment.id,
		amountMinor: payment.amountMinor,
		allocations: input.allocations,
		effectiveOn: input.effectiveOn,
		createdBy: input.actor?.userId ?? payment.createdBy
	});
	if (!result.applied) return { applied: false, paidBillIds: [], receiptId: null };
	await recordEvent(tx, {
		actor: input.actor,
		subjectType: 'payment',
		subjectId: payment.id,
		kind: 'succeed',
		from: payment.state,
		to: 'succeeded',
		data: {
			provider: payment.provider,
			amountMinor: payment.amountMinor,
			currency: payment.currency,
			allocations: result.allocations,
			creditMinor: result.creditMinor,
			...input.data
		}
	});
	for (const billId of result.paidBillIds) {
		await recordEvent(tx, {
			actor: input.actor,
			subjectType: 'bill',
			subjectId: billId,
			kind: 'pay',
			from: 'open',
			to: 'paid',
			data: { paymentId: payment.id }
		});
	}
	const { receiptId } = await createReceipt(tx, payment.id);
	return { applied: true, paidBillIds: result.paidBillIds, receiptId };
}

/** A pending online payment failed or its checkout expired: the state and its event, nothing on the ledger. */
export async function markEnded(
	tx: Tx,
	payment: PaymentRow,
	outcome: 'failed' | 'expired',
	data: Record<string, unknown> = {}
): Promise<void> {
	await tx.update(payments).set({ state: outcome }).where(eq(payments.id, payment.id));
	await recordEvent(tx, {
		actor: null,
		subjectType: 'payment',
		subjectId: payment.id,
		kind: outcome === 'failed' ? 'fail' : 'expire',
		from: payment.state,
		to: outcome,
		data
	});
}
