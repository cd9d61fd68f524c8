import { sql } from 'drizzle-orm';
import { bigserial, date, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { estates, occupancies, units } from './property.ts';

/** The steps of a goods release slip (放行單); the transitions live in goods-release/machine.ts. */
export const goodsReleaseState = pgEnum('goods_release_state', ['requested', 'issued', 'released', 'refused', 'cancelled']);

/** Where a slip came from: the resident asked, the desk issued it at the counter, or a completed move-out. */
export const goodsReleaseSource = pgEnum('goods_release_source', ['resident', 'desk', 'move_out']);

/** One line of what may leave: "Sofa" × 1. */
export interface GoodsReleaseItem {
	description: string;
	quantity: number;
}

/**
 * A goods release slip (放行單, rule 9): goods may leave the estate on one day, checked at the
 * gate by security and released once. It belongs to the occupancy whose goods they are (the
 * landlord of a let unit and a later occupant do not see it). Its `token` is what the QR code
 * carries (/staff/gate/<token>): random and unguessable, unlike its number (G000123), which a
 * guard may type. Every change of `state` is written with an event in one transaction.
 */
export const goodsReleaseSlips = pgTable(
	'goods_release_slips',
	{
		id: uuid().primaryKey().defaultRandom(),
		/** The number everyone reads (G000123), from a sequence so it never repeats. */
		seq: bigserial({ mode: 'number' }).notNull(),
		token: text().notNull(),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		unitId: uuid()
			.notNull()
			.references(() => units.id),
		/** Whose goods: the occupancy that asked (or the one the desk issued it for); null for a unit without one. */
		occupancyId: uuid().references(() => occupancies.id),
		/** The one day (the estate's business date) the goods may leave. */
		validOn: date({ mode: 'string' }).notNull(),
		/** What may leave; empty for a move-out slip, which reads "furniture and belongings" in the reader's language. */
		items: jsonb().$type<GoodsReleaseItem[]>().notNull().default([]),
		vehiclePlate: text().notNull().default(''),
		carrier: text().notNull().default(''),
		state: goodsReleaseState().notNull(),
		source: goodsReleaseSource().notNull(),
		/** The move-out that issued it (moves/, written elsewhere: no foreign key). */
		moveOutId: text(),
		requestedBy: uuid().references(() => users.id),
		requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		issuedBy: uuid().references(() => users.id),
		issuedAt: timestamp({ withTimezone: true }),
		/** Why the desk refused the request or cancelled the slip. */
		reason: text().notNull().default(''),
		releasedBy: uuid().references(() => users.id),
		releasedAt: timestamp({ withTimezone: true }),
		/** What the guard noted at the gate (a missing item, a second vehicle). */
		gateNote: text().notNull().default('')
	},
	(t) => [
		uniqueIndex('goods_release_slips_seq').on(t.seq),
		uniqueIndex('goods_release_slips_token').on(t.token),
		// One slip per move-out: issuing it again in a retried completion is refused by the index.
		uniqueIndex('goods_release_slips_move_out')
			.on(t.moveOutId)
			.where(sql`${t.moveOutId} is not null`),
		// The gate's and the desk's day: an estate's slips by date.
		index('goods_release_slips_estate_day').on(t.estateId, t.validOn),
		index('goods_release_slips_occupancy').on(t.occupancyId, t.requestedAt),
		index('goods_release_slips_unit').on(t.unitId)
	]
);
