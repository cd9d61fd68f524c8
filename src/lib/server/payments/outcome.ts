/**
 * The end of a pending payment, in the caller's transaction: the payment machine's transitions
 * (machine.ts). Whatever the path (a provider's webhook, a counter payment), a success goes
 * through the fees ledger's applyPayment (a company's payment of several units: applySplitPayment)
 * and leaves the same trail: the payment's event, a 'pay'
 * event for every bill it made paid, and the receipt row with its issue job. Every end frees the
 * bills its checkout held (open_checkouts), so they can be paid again if it did not succeed.
 */
import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { openCheckouts, payments } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { recordEvent } from '../events/service.ts';
import { applyPayment, type Allocation } from '../fees/ledger.ts';
import { applySplitPayment } from '../fees/split-payment.ts';
import { billMachine } from '../fees/bill-machine.ts';
import { createReceipt } from '../receipts/issue.ts';
import { paymentMachine, type PaymentCapacity } from './machine.ts';

type PaymentRow = typeof payments.$inferSelect;

const BILL_SETTLED = new Set(['payment'] as const);

export interface SucceedInput {
	/** The payment, still pending. */
	payment: PaymentRow;
	/** Who makes it succeed: a verified webhook, or the counter recording money received. */
	by: PaymentCapacity;
	/** The business day the money came in (back-dated for counter payments). */
	effectiveOn: string;
	/** The staff member at the counter; null for a provider's webhook. */
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

/** The bills of the payment's checkout are free again (its payment ended, one way or another). */
async function releaseCheckout(tx: Tx, paymentId: string): Promise<void> {
	await tx.delete(openCheckouts).where(eq(openCheckouts.paymentId, paymentId));
}

export async function markSucceeded(tx: Tx, input: SucceedInput): Promise<Succeeded> {
	const { payment } = input;
	const to = paymentMachine.take(payment.state, 'succeed', new Set([input.by]));
	const createdBy = input.actor?.userId ?? payment.createdBy;
	// A company's payment of several units is split across their accounts; any other is one unit's.
	const result = payment.companyId
		? await applySplitPayment(tx, { paymentId: payment.id, effectiveOn: input.effectiveOn, createdBy })
		: await applyPayment(tx, {
				unitId: payment.unitId!,
				paymentId: payment.id,
				amountMinor: payment.amountMinor,
				allocations: input.allocations,
				effectiveOn: input.effectiveOn,
				createdBy
			});
	if (!result.applied) return { applied: false, paidBillIds: [], receiptId: null };
	await releaseCheckout(tx, payment.id);
	await recordEvent(tx, {
		actor: input.actor,
		subjectType: 'payment',
		subjectId: payment.id,
		kind: 'succeed',
		from: payment.state,
		to,
		data: {
			provider: payment.provider,
			amountMinor: payment.amountMinor,
			currency: payment.currency,
			allocations: result.allocations,
			creditMinor: result.creditMinor,
			...input.data
		}
	});
	// applyPayment made them paid (it locked them open); the machine names the step for the timeline.
	const billTo = billMachine.take('open', 'pay', BILL_SETTLED);
	for (const billId of result.paidBillIds) {
		await recordEvent(tx, {
			actor: input.actor,
			subjectType: 'bill',
			subjectId: billId,
			kind: 'pay',
			from: 'open',
			to: billTo,
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
	const action = outcome === 'failed' ? 'fail' : 'expire';
	const to = paymentMachine.take(payment.state, action, new Set(['webhook'] as const));
	await tx.update(payments).set({ state: to }).where(eq(payments.id, payment.id));
	await releaseCheckout(tx, payment.id);
	await recordEvent(tx, { actor: null, subjectType: 'payment', subjectId: payment.id, kind: action, from: payment.state, to, data });
}
