import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.ts';

/**
 * One transaction at a time applies money to a unit. Every transaction that settles a payment (a
 * provider's webhook, a counter payment) takes its units' locks first, before it locks or writes
 * anything else, so two on one unit queue instead of deadlocking: on warm connections PostgreSQL
 * deadlocked a webhook and a counter payment of one unit, the counter's payment insert waiting on
 * the webhook, the webhook's lock of the unit's bills on the counter (payments/trail.db.test.ts).
 * Transaction-scoped advisory locks, in one order (by id), released at commit or rollback.
 */
export async function lockUnitMoney(tx: Tx, unitIds: readonly string[]): Promise<void> {
	for (const id of [...new Set(unitIds)].sort()) {
		await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`unit-money:${id}`}, 0))`);
	}
}

/** The units a payment applies money to: its own, or for a company's payment those of its bills. */
export async function paymentUnitIds(tx: Tx, paymentId: string): Promise<string[]> {
	const rows = await queryRows<{ id: string }>(
		tx,
		sql`select p.unit_id as id from payments p where p.id = ${paymentId}::uuid and p.unit_id is not null
			union select b.unit_id from payment_allocations a join bills b on b.id = a.bill_id where a.payment_id = ${paymentId}::uuid`
	);
	return rows.map((row) => row.id);
}
