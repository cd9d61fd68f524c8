/**
 * A bill correction's life cycle as data (kernel/machine.ts). A wrong bill is never edited: the
 * desk (fees.manage) asks to void it, credit part of it (a credit note), adjust one of its lines or
 * write off what it still owes, each with a reason. A correction taking off more than the
 * threshold (fee_settings.correctionApprovalMinor) starts 'requested' and waits for an approver;
 * at or below it — or a line raised, which only charges more — it is applied at once. Applying
 * writes the ledger and the bill's new state in the same transaction (corrections.ts).
 * A voided bill may then be reissued corrected, once ('reissue').
 *
 * Four eyes by the office's one approval rule (approval.ts): the requester is never the approver,
 * so the table needs no exception for them.
 */
import type { Actor } from '../auth/actor.ts';
import { can } from '../auth/guards.ts';
import { defineMachine } from '../kernel/machine.ts';
import type { Audience } from '../events/kinds.ts';
import type { CorrectionKind } from '#lib/schemas/corrections.ts';
import { mayApprove, needsApproval } from './approval.ts';

const correctionStates = ['requested', 'applied', 'rejected', 'reissued'] as const;
export type CorrectionState = (typeof correctionStates)[number];

/** approver: corrections.approve, and not the requester; desk: fees.manage, on a voided bill's correction. */
export type CorrectionCapacity = 'approver' | 'desk';
export type CorrectionAction = 'approve' | 'reject' | 'reissue';

export const correctionMachine = defineMachine<CorrectionState, CorrectionCapacity, CorrectionAction>(correctionStates, {
	approve: { from: ['requested'], to: 'applied', by: ['approver'] },
	reject: { from: ['requested'], to: 'rejected', by: ['approver'], needs: ['note'] },
	reissue: { from: ['applied'], to: 'reissued', by: ['desk'], needs: ['lines'] }
});

/** What the actor may be on this correction (the caller checked it may see the correction's estate). */
export function correctionCapacities(actor: Actor, correction: { requestedBy: string; kind: CorrectionKind }): Set<CorrectionCapacity> {
	const capacities = new Set<CorrectionCapacity>();
	if (mayApprove(actor, 'corrections.approve', correction)) capacities.add('approver');
	if (correction.kind === 'void' && can(actor, 'fees.manage')) capacities.add('desk');
	return capacities;
}

/**
 * Where a new correction starts: above the threshold it waits for approval. `takesOffMinor` is what
 * it takes off the bill (0 for a line raised: a new charge needs no approval, like any one-off bill).
 */
export function initialCorrectionState(takesOffMinor: number, approvalMinor: number): { state: CorrectionState; needsApproval: boolean } {
	const waits = needsApproval(takesOffMinor, approvalMinor);
	return { state: waits ? 'requested' : 'applied', needsApproval: waits };
}

/** What a correction's timeline says: the finance office's record, never shown to residents as such. */
export const correctionEventKinds = {
	request: 'staff',
	approve: 'staff',
	reject: 'staff',
	apply: 'staff',
	reissue: 'staff'
} as const satisfies Record<string, Audience>;
export type CorrectionEventKind = keyof typeof correctionEventKinds;

declare module '../events/kinds.ts' {
	interface EventKinds {
		bill_correction: CorrectionEventKind;
	}
}
