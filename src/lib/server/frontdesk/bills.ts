/**
 * Bills (B000042) and receipts (R-000123) by reference, for those who read unit accounts; each
 * opens its unit's account, where the bill or the payment is. Both references are unique
 * sequence numbers (bills_seq, receipts_seq).
 */
import { and, eq } from 'drizzle-orm';
import { billReference } from '#lib/references.ts';
import { inActorEstates } from '../auth/guards.ts';
import { bills, buildings, estates, payments, receipts, units } from '../db/schema/index.ts';
import { receiptNumber } from '../receipts/number.ts';
import { paymentUnitSql } from '../payments/payment-unit.ts';
import type { Finder, FoundItem } from './finder.ts';
import { accountPageOf, placeColumns, placeJoins, placeText } from './places.ts';

export const billFinder: Finder<'bills'> = {
	kind: 'bills',
	mayUse: (actor) => accountPageOf(actor) !== null,
	async find(executor, actor, query, limit) {
		const page = accountPageOf(actor);
		const reference = query.reference;
		if (!page || !reference) return [];
		const found: FoundItem[] = [];
		if (reference.letter === 'B') {
			const rows = await executor
				.select({ ...placeColumns, id: bills.id, seq: bills.seq, state: bills.state })
				.from(bills)
				.innerJoin(units, eq(units.id, bills.unitId))
				.innerJoin(buildings, placeJoins.building)
				.innerJoin(estates, placeJoins.estate)
				.where(and(eq(bills.seq, reference.seq), inActorEstates(actor, bills.estateId)));
			for (const row of rows)
				found.push({
					key: row.id,
					href: page(row.unitId),
					title: billReference(row.seq),
					place: placeText(row),
					detail: null,
					tag: { kind: 'bill', state: row.state }
				});
		}
		if (reference.letter === 'R') {
			const rows = await executor
				.select({ ...placeColumns, id: receipts.id, seq: receipts.seq })
				.from(receipts)
				.innerJoin(payments, eq(payments.id, receipts.paymentId))
				.innerJoin(units, eq(units.id, paymentUnitSql(payments)))
				.innerJoin(buildings, placeJoins.building)
				.innerJoin(estates, placeJoins.estate)
				.where(and(eq(receipts.seq, reference.seq), inActorEstates(actor, units.estateId)));
			for (const row of rows)
				found.push({
					key: row.id,
					href: page(row.unitId),
					title: receiptNumber(row.seq),
					place: placeText(row),
					detail: null,
					tag: { kind: 'receipt' }
				});
		}
		return found.slice(0, limit + 1);
	}
};
