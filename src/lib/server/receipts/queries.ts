/**
 * Receipts as their readers reach them. A receipt is visible to the residents of the unit that
 * paid (in person or through their company) and to staff with fees.read who may see the unit's
 * estate; to everyone else it does not exist (404).
 */
import { error } from '@sveltejs/kit';
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { payments, receipts, units } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { can, requireSignedIn } from '../auth/guards.ts';
import { actorUnitIds } from '../residents/units.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { receiptHref, receiptNumber } from './number.ts';

/** The condition (over payments joined to units) for receipts the actor may see. */
async function visibleTo(actor: Actor): Promise<SQL> {
	const mine = inArray(payments.unitId, await actorUnitIds(actor));
	if (!can(actor, 'fees.read') || actor.kind !== 'staff') return mine;
	if (actor.estateIds === null) return sql`true`;
	if (actor.estateIds.length === 0) return mine;
	return or(mine, inArray(units.estateId, [...actor.estateIds]))!;
}

export interface ReceiptRef {
	paymentId: string;
	receiptId: string;
	/** As printed, e.g. "R-000123". */
	number: string;
	/** The PDF: /files/receipt/[id]. */
	href: string;
}

/** The receipts of those payments the actor may see (payments without one, or not visible, are left out). */
export async function receiptsForPayments(actor: Actor, paymentIds: readonly string[]): Promise<ReceiptRef[]> {
	requireSignedIn(actor);
	const ids = [...new Set(paymentIds)].filter(isUuid);
	if (ids.length === 0) return [];
	const rows = await db()
		.select({ paymentId: receipts.paymentId, receiptId: receipts.id, seq: receipts.seq })
		.from(receipts)
		.innerJoin(payments, eq(payments.id, receipts.paymentId))
		.innerJoin(units, eq(units.id, payments.unitId))
		.where(and(inArray(receipts.paymentId, ids), await visibleTo(actor)))
		.orderBy(asc(receipts.seq));
	return rows.map((r) => ({ paymentId: r.paymentId, receiptId: r.receiptId, number: receiptNumber(r.seq), href: receiptHref(r.receiptId) }));
}

/** One receipt for the file route; 404 when it is missing or not the actor's to see. */
export async function receiptFor(actor: Actor, receiptId: string): Promise<{ id: string; seq: number; number: string; fileId: string | null }> {
	requireSignedIn(actor);
	if (!isUuid(receiptId)) error(404, 'Not found');
	const [row] = await db()
		.select({ id: receipts.id, seq: receipts.seq, fileId: receipts.fileId })
		.from(receipts)
		.innerJoin(payments, eq(payments.id, receipts.paymentId))
		.innerJoin(units, eq(units.id, payments.unitId))
		.where(and(eq(receipts.id, receiptId), await await visibleTo(actor)));
	if (!row) error(404, 'Not found');
	return { ...row, number: receiptNumber(row.seq) };
}
