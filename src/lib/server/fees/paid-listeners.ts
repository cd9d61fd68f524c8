/**
 * What else happens when bills become paid, in the paying transaction: a domain whose step waits
 * for a payment (a renovation's fees) registers here once at start (boot/boot.ts), and the ledger
 * calls every listener with the bills it has just marked paid. Fees never import those domains.
 */
import type { Tx } from '../db/client.ts';

type Listener = (tx: Tx, paidBillIds: readonly string[]) => Promise<void>;

const listeners: Listener[] = [];

export function onBillsPaid(listener: Listener): void {
	if (!listeners.includes(listener)) listeners.push(listener);
}

export async function billsPaid(tx: Tx, paidBillIds: readonly string[]): Promise<void> {
	if (paidBillIds.length === 0) return;
	for (const listener of listeners) await listener(tx, paidBillIds);
}
