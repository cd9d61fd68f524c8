/**
 * A payment's life cycle as data (kernel/machine.ts). A payment is born pending (the 'start'
 * event: a resident's checkout, or the counter's record); only a verified provider webhook — or,
 * at the counter, the staff member recording the money — makes it succeed; the provider's
 * webhook alone says it failed or its checkout expired (the sandbox's Cancel is such a webhook).
 */
import { defineMachine } from '../kernel/machine.ts';
import type { Audience } from '../events/kinds.ts';

export const paymentStates = ['pending', 'succeeded', 'failed', 'expired'] as const;
export type PaymentState = (typeof paymentStates)[number];

/** webhook: a verified provider event; counter: staff with payments.counter recording money received. */
export type PaymentCapacity = 'webhook' | 'counter';

export const paymentMachine = defineMachine<PaymentState, PaymentCapacity, 'succeed' | 'fail' | 'expire'>(paymentStates, {
	succeed: { from: ['pending'], to: 'succeeded', by: ['webhook', 'counter'] },
	fail: { from: ['pending'], to: 'failed', by: ['webhook'] },
	expire: { from: ['pending'], to: 'expired', by: ['webhook'] }
});

/** What a payment's timeline says, and who reads it. */
export const paymentEventKinds = {
	start: 'all',
	succeed: 'all',
	fail: 'all',
	expire: 'all'
} as const satisfies Record<string, Audience>;
export type PaymentEventKind = keyof typeof paymentEventKinds;

declare module '../events/kinds.ts' {
	interface EventKinds {
		payment: PaymentEventKind;
	}
}
