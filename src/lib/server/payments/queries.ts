import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { error } from '@sveltejs/kit';
import { db } from '../db/client.ts';
import { payments as paymentsTable } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireResident } from '../auth/guards.ts';
import { paymentInAccounts, residentAccounts } from '../fees/parties.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';

/** Named `p`, as paymentInAccounts writes it. */
const payments = alias(paymentsTable, 'p');

/**
 * The sandbox checkout behind /pay/sandbox/[ref], if it is a payment of the actor's party in one
 * of its units (see fees/parties.ts); else 404.
 */
export async function sandboxCheckoutFor(actor: Actor, ref: string) {
	requireResident(actor);
	if (!/^sbx_[0-9a-f]{32}$/.test(ref)) error(404, 'Not found');
	const accounts = await residentAccounts(db(), actor);
	const [payment] = await db()
		.select({
			id: payments.id,
			unitId: payments.unitId,
			state: payments.state,
			amountMinor: payments.amountMinor,
			currency: payments.currency
		})
		.from(payments)
		.where(and(eq(payments.provider, 'sandbox'), eq(payments.providerRef, ref), sql`${paymentInAccounts(accounts)}`));
	if (!payment) error(404, 'Not found');
	return payment;
}

/** A payment of the actor's party in one of its units (the return page /app/payments/[id]); else 404. */
export async function myPayment(actor: Actor, paymentId: string) {
	requireResident(actor);
	if (!isUuid(paymentId)) error(404, 'Not found');
	const accounts = await residentAccounts(db(), actor);
	const [payment] = await db()
		.select({
			id: payments.id,
			unitId: payments.unitId,
			provider: payments.provider,
			state: payments.state,
			amountMinor: payments.amountMinor,
			currency: payments.currency,
			settledAt: payments.settledAt,
			companyId: payments.companyId
		})
		.from(payments)
		.where(and(eq(payments.id, paymentId), sql`${paymentInAccounts(accounts)}`));
	if (!payment) error(404, 'Not found');
	return payment;
}
