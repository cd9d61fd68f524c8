import { and, eq, inArray } from 'drizzle-orm';
import { error } from '@sveltejs/kit';
import { db } from '../db/client.ts';
import { payments } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireSignedIn } from '../auth/guards.ts';
import { actorUnitIds } from '../residents/units.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';

/** The sandbox checkout behind /pay/sandbox/[ref], if it is a payment of one of the actor's units; else 404. */
export async function sandboxCheckoutFor(actor: Actor, ref: string) {
	requireSignedIn(actor);
	if (!/^sbx_[0-9a-f]{32}$/.test(ref)) error(404, 'Not found');
	const [payment] = await db()
		.select({ id: payments.id, unitId: payments.unitId, state: payments.state, amountMinor: payments.amountMinor, currency: payments.currency })
		.from(payments)
		.where(and(eq(payments.provider, 'sandbox'), eq(payments.providerRef, ref), inArray(payments.unitId, await actorUnitIds(actor))));
	if (!payment) error(404, 'Not found');
	return payment;
}

/** A payment of one of the actor's units (the return page /app/payments/[id]); else 404. */
export async function myPayment(actor: Actor, paymentId: string) {
	requireSignedIn(actor);
	if (!isUuid(paymentId)) error(404, 'Not found');
	const [payment] = await db()
		.select({ id: payments.id, unitId: payments.unitId, provider: payments.provider, state: payments.state, amountMinor: payments.amountMinor, currency: payments.currency, settledAt: payments.settledAt })
		.from(payments)
		.where(and(eq(payments.id, paymentId), inArray(payments.unitId, await actorUnitIds(actor))));
	if (!payment) error(404, 'Not found');
	return payment;
}
