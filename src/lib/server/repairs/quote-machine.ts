/**
 * A paid-service quote's life cycle (有償服務收費通知): the technician's quote waits for a
 * supervisor, who approves it (it goes to the resident) or rejects it; the resident accepts it
 * (the work is billed and may start) or declines it. Each step is also an action on the order
 * (machine.ts), taken in the one transaction that records it.
 */
import { defineMachine } from '../kernel/machine.ts';
import { quoteState } from '../db/schema/repairs.ts';
import type { RepairAction, RepairCapacity } from './machine.ts';

export type QuoteState = (typeof quoteState.enumValues)[number];

export const quoteMachine = defineMachine<QuoteState, RepairCapacity, 'approve' | 'reject' | 'accept' | 'decline'>(quoteState.enumValues, {
	approve: { from: ['pending_approval'], to: 'awaiting_resident', by: ['supervisor'] },
	reject: { from: ['pending_approval'], to: 'rejected', by: ['supervisor'] },
	accept: { from: ['awaiting_resident'], to: 'accepted', by: ['resident'] },
	decline: { from: ['awaiting_resident'], to: 'declined', by: ['resident'] }
});

export type QuoteAction = (typeof quoteMachine.actions)[number];

/** The order's action for each step of a quote. */
export const quoteStep = {
	approve: 'approve_quote',
	reject: 'reject_quote',
	accept: 'accept_quote',
	decline: 'decline_quote'
} as const satisfies Record<QuoteAction, RepairAction>;

/** A quote still waiting for someone: completion waits for it, and no second quote is made. */
export const quoteInPlayStates: readonly QuoteState[] = ['pending_approval', 'awaiting_resident'];

/** The steps open on this quote: its own state allows them and so does the order (its open actions). */
export function quoteActions(
	state: QuoteState,
	capacities: ReadonlySet<RepairCapacity>,
	orderActions: readonly RepairAction[]
): QuoteAction[] {
	return quoteMachine.open(state, capacities).filter((step) => orderActions.includes(quoteStep[step]));
}
