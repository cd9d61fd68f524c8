/**
 * Receipts as their readers reach them. A receipt is visible to the residents of the party of the
 * unit that paid (in person or through their company; a company's receipt of several units to the
 * company's members) and to staff with fees.read who may see the unit's estate; to everyone else
 * it does not exist (404).
 */
import { error } from '@sveltejs/kit';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db } from '../db/client.ts';
import { payments as paymentsTable, receipts, units } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { can, inActorEstates, requireSignedIn } from '../auth/guards.ts';
import { paymentInAccounts, residentAccounts } from '../fees/parties.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { receiptHref, receiptNumber } from './number.ts';
import { paymentUnitSql } from '../payments/payment-unit.ts';

/** Named `p`, as paymentInAccounts writes it. */
const payments = alias(paymentsTable, 'p');

/**
 * The condition (over payments `p` joined to units) for receipts the actor may see: a resident
 * those of its party's payments (fees/parties.ts), finance staff those of their estates.
 */
async function visibleTo(actor: Actor): Promise<SQL> {
	if (actor.kind === 'staff') return can(actor, 'fees.read') ? (inActorEstates(actor, units.estateId) ?? sql`true`) : sql`false`;
	return sql`${paymentInAccounts(await residentAccounts(db(), actor))}`;
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
		.innerJoin(units, eq(units.id, paymentUnitSql(payments)))
		.where(and(inArray(receipts.paymentId, ids), await visibleTo(actor)))
		.orderBy(asc(receipts.seq));
	return rows.map((r) => ({
		paymentId: r.paymentId,
		receiptId: r.receiptId,
		number: receiptNumber(r.seq),
		href: receiptHref(r.receiptId)
	}));
}

/** One receipt for the file route; 404 when it is missing or not the actor's to see. */
export async function receiptFor(
	actor: Actor,
	receiptId: string
): Promise<{ id: string; seq: number; number: string; fileId: string | null }> {
	requireSignedIn(actor);
	if (!isUuid(receiptId)) error(404, 'Not found');
	const [row] = await db()
		.select({ id: receipts.id, seq: receipts.seq, fileId: receipts.fileId })
		.from(receipts)
		.innerJoin(payments, eq(payments.id, receipts.paymentId))
		.innerJoin(units, eq(units.id, paymentUnitSql(payments)))
		.where(and(eq(receipts.id, receiptId), await visibleTo(actor)));
	if (!row) error(404, 'Not found');
	return { ...row, number: receiptNumber(row.seq) };
}
