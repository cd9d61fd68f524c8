/**
 * A bill's life cycle as data (kernel/machine.ts). A bill is born open (issued by the billing run,
 * a one-off bill or an accepted paid-service quote: the 'issue' event); a resident of its party
 * opens a checkout for it ('checkout', the bill stays open while the money is on its way); a
 * succeeded payment — online or at the counter — that covers what it owes makes it paid ('pay'),
 * in the transaction that applies the payment. 'void' is a state the schema keeps for a cancelled
 * bill; no action leads there yet.
 */
import { defineMachine } from '../kernel/machine.ts';
import type { Audience } from '../events/kinds.ts';

export const billStates = ['open', 'paid', 'void'] as const;
export type BillState = (typeof billStates)[number];

/**
 * payer: a resident of the bill's party in the unit (see parties.ts); payment: a succeeded payment
 * (a verified webhook, or the counter's record) covering what the bill owes.
 */
export type BillCapacity = 'payer' | 'payment';

export const billMachine = defineMachine<BillState, BillCapacity, 'checkout' | 'pay'>(billStates, {
	checkout: { from: ['open'], to: 'same', by: ['payer'] },
	pay: { from: ['open'], to: 'paid', by: ['payment'] }
});

/** A resident of the bill's party (the bills it is shown are its party's: see parties.ts). */
export const PAYER: ReadonlySet<BillCapacity> = new Set(['payer']);

/** What a bill's timeline says, and who reads it. */
export const billEventKinds = {
	issue: 'all',
	pay: 'all'
} as const satisfies Record<string, Audience>;
export type BillEventKind = keyof typeof billEventKinds;

declare module '../events/kinds.ts' {
	interface EventKinds {
		bill: BillEventKind;
	}
}
