/**
 * A refund's life cycle as data (kernel/machine.ts). A request above the approval threshold
 * (fee_settings.refundApprovalMinor) starts 'requested' and waits for an approver; at or below it
 * it starts approved. An approved refund is paid out by the counter or finance, and only then
 * written to the ledger (refunds.ts).
 *
 * Four eyes: the capacities are worked out per refund, and the person who requested it is never
 * its approver (refundCapacities, by the office's one approval rule: approval.ts), so the table
 * needs no exception for them.
 */
import type { Actor } from '../auth/actor.ts';
import { can } from '../auth/guards.ts';
import { defineMachine } from '../kernel/machine.ts';
import type { Audience } from '../events/kinds.ts';
import { mayApprove, needsApproval } from './approval.ts';

export const refundStates = ['requested', 'approved', 'rejected', 'paid'] as const;
export type RefundState = (typeof refundStates)[number];

/** approver: refunds.approve, and not the requester; cashier: payments.counter or fees.manage. */
export type RefundCapacity = 'approver' | 'cashier';
export type RefundAction = 'approve' | 'reject' | 'pay';

export const refundMachine = defineMachine<RefundState, RefundCapacity, RefundAction>(refundStates, {
	approve: { from: ['requested'], to: 'approved', by: ['approver'] },
	reject: { from: ['requested'], to: 'rejected', by: ['approver'], needs: ['note'] },
	pay: { from: ['approved'], to: 'paid', by: ['cashier'], needs: ['method', 'paidOn'] }
});

/** What the actor may be on this refund (the caller checked it may see the refund's estate). */
export function refundCapacities(actor: Actor, refund: { requestedBy: string }): Set<RefundCapacity> {
	const capacities = new Set<RefundCapacity>();
	if (mayApprove(actor, 'refunds.approve', refund)) capacities.add('approver');
	if (can(actor, ['payments.counter', 'fees.manage'])) capacities.add('cashier');
	return capacities;
}

/** Where a new request starts: above the threshold it waits for approval. */
export function initialRefundState(payoutMinor: number, approvalMinor: number): { state: RefundState; needsApproval: boolean } {
	const waits = needsApproval(payoutMinor, approvalMinor);
	return { state: waits ? 'requested' : 'approved', needsApproval: waits };
}

/** What a refund's timeline says: finance's own record, never shown to residents. */
export const refundEventKinds = {
	request: 'staff',
	approve: 'staff',
	reject: 'staff',
	pay: 'staff'
} as const satisfies Record<string, Audience>;
export type RefundEventKind = keyof typeof refundEventKinds;

declare module '../events/kinds.ts' {
	interface EventKinds {
		refund: RefundEventKind;
	}
}
