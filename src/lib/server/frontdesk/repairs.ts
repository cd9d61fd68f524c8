/**
 * Repair orders the actor may open (repairs/access.ts visibleRepairs: the desk every order of its
 * estates, a technician its own): by reference (R000123, the unique seq), or — open orders only,
 * the ones a caller rings about — by the contact phone given on the order, for callers who filed
 * by phone without an account. The open-orders index keeps that to a small slice of all orders.
 */
import { and, desc, eq, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { can } from '../auth/guards.ts';
import { buildings, estates, repairOrders, units } from '../db/schema/index.ts';
import { phoneKeySql } from '../kernel/phone-key-sql.ts';
import { visibleRepairs } from '../repairs/access.ts';
import { repairReference } from '../repairs/notices.ts';
import type { Finder } from './finder.ts';
import { placeColumns, placeJoins, placeText } from './places.ts';

const DETAIL_LENGTH = 80;

export const repairFinder: Finder<'repairs'> = {
	kind: 'repairs',
	mayUse: (actor) => can(actor, 'repairs.read'),
	async find(executor, actor, query, limit) {
		if (!can(actor, 'repairs.read')) return [];
		const wanted: SQL[] = [];
		if (query.reference?.letter === 'R') wanted.push(eq(repairOrders.seq, query.reference.seq));
		if (query.phone)
			wanted.push(
				and(notInArray(repairOrders.state, ['done', 'cancelled']), sql`${phoneKeySql(repairOrders.contactPhone)} = ${query.phone}`)!
			);
		if (wanted.length === 0) return [];
		const rows = await executor
			.select({
				...placeColumns,
				id: repairOrders.id,
				seq: repairOrders.seq,
				state: repairOrders.state,
				description: repairOrders.description,
				contactName: repairOrders.contactName
			})
			.from(repairOrders)
			.innerJoin(units, eq(units.id, repairOrders.unitId))
			.innerJoin(buildings, placeJoins.building)
			.innerJoin(estates, placeJoins.estate)
			.where(and(await visibleRepairs(executor, actor), or(...wanted)))
			.orderBy(desc(repairOrders.createdAt), desc(repairOrders.id))
			.limit(limit + 1);
		return rows.map((row) => ({
			key: row.id,
			href: `/staff/repairs/${row.id}`,
			title: `${repairReference(row)} · ${row.contactName}`,
			place: placeText(row),
			detail: row.description.length > DETAIL_LENGTH ? `${row.description.slice(0, DETAIL_LENGTH)}…` : row.description,
			tag: { kind: 'repair' as const, state: row.state }
		}));
	}
};
