/**
 * A bill's life cycle as data (kernel/machine.ts). A bill is born open (issued by the billing run,
 * a one-off bill or an accepted paid-service quote: the 'issue' event); a resident of its party
 * opens a checkout for it ('checkout', the bill stays open while the money is on its way); a
 * succeeded payment — online or at the counter — that covers what it owes makes it paid ('pay'),
 * in the transaction that applies the payment.
 *
 * A bill is never edited: an applied correction (fees/corrections.ts) voids it (its charge
 * reversed; it stays, marked void), credits part of it ('credit': a credit note; one that covers
 * what it still owes settles it), or writes off what it still owes ('write_off').
 */
import { defineMachine } from '../kernel/machine.ts';
import type { Audience } from '../events/kinds.ts';

export const billStates = ['open', 'paid', 'void', 'written_off'] as const;
export type BillState = (typeof billStates)[number];

/**
 * payer: a resident of the bill's party in the unit (see parties.ts); payment: a succeeded payment
 * (a verified webhook, or the counter's record) covering what the bill owes; correction: a bill
 * correction being applied (approved, or below the approval threshold).
 */
export type BillCapacity = 'payer' | 'payment' | 'correction';
export type BillAction = 'checkout' | 'pay' | 'void' | 'credit' | 'settle' | 'write_off';

export const billMachine = defineMachine<BillState, BillCapacity, BillAction>(billStates, {
	checkout: { from: ['open'], to: 'same', by: ['payer'] },
	pay: { from: ['open'], to: 'paid', by: ['payment'] },
	void: { from: ['open'], to: 'void', by: ['correction'], needs: ['reason'] },
	/** A credit note that leaves something owed (or credits a paid bill: the credit stays on the account). */
	credit: { from: ['open', 'paid'], to: 'same', by: ['correction'], needs: ['reason'] },
	/** A credit note that covers what the bill still owes. */
	settle: { from: ['open'], to: 'paid', by: ['correction'], needs: ['reason'] },
	write_off: { from: ['open'], to: 'written_off', by: ['correction'], needs: ['reason'] }
});

/** A resident of the bill's party (the bills it is shown are its party's: see parties.ts). */
export const PAYER: ReadonlySet<BillCapacity> = new Set(['payer']);
/** A correction being applied. */
export const CORRECTION: ReadonlySet<BillCapacity> = new Set(['correction']);

/** What a bill's timeline says, and who reads it (a write-off's reason is the office's own). */
export const billEventKinds = {
	issue: 'all',
	pay: 'all',
	void: 'all',
	credit: 'all',
	settle: 'all',
	write_off: 'staff'
} as const satisfies Record<string, Audience>;
export type BillEventKind = keyof typeof billEventKinds;

declare module '../events/kinds.ts' {
	interface EventKinds {
		bill: BillEventKind;
	}
}
