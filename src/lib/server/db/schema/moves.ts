import { sql } from 'drizzle-orm';
import { bigint, check, date, index, jsonb, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { residentCompanies, users } from './accounts.ts';
import { estates, occupancies, occupancyRole, units } from './property.ts';
import { meterKind } from './fees.ts';

export const moveKind = pgEnum('move_kind', ['in', 'out']);
/** open: filed (a move-out: applied); inspected: the joint inspection is on record; settled: finance closed the money (move-out). */
export const moveState = pgEnum('move_state', ['open', 'inspected', 'settled', 'done', 'cancelled']);

/** What the checklist records beside documents and readings (flags and short texts, each set by a step with its event). */
export interface MoveChecklist {
	identityChecked?: boolean;
	byProxy?: boolean;
	archiveForm?: boolean;
	signage?: string;
	equipment?: { item: string; condition: string }[];
	powerOff?: boolean;
	airConOff?: boolean;
	extinguishersReturned?: boolean;
	passesReturned?: boolean;
	/**
	 * A move-in's contact persons (the archive registration form's), kept on the case until it
	 * completes; then they become the occupancy's emergency contacts (moves/contacts.ts).
	 */
	contacts?: { id: string; name: string; relation: string; phone: string }[];
}

/**
 * A move-in (入伙) or move-out (遷出) case of one unit and one party (rule 9). A move-in's party
 * has no occupancy until the case is done (the occupancy starts on the move-in day: who occupies
 * the unit today stays true while the case is open); a move-out names the occupancy that leaves.
 */
export const moves = pgTable(
	'moves',
	{
		id: uuid().primaryKey().defaultRandom(),
		kind: moveKind().notNull(),
		state: moveState().notNull().default('open'),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		unitId: uuid()
			.notNull()
			.references(() => units.id),
		/** Move-in: the occupancy created on completion; move-out: the one that ends. */
		occupancyId: uuid().references(() => occupancies.id),
		partyUserId: uuid().references(() => users.id),
		partyCompanyId: uuid().references(() => residentCompanies.id),
		role: occupancyRole().notNull(),
		plannedOn: date().notNull(),
		doneOn: date(),
		checklist: jsonb().$type<MoveChecklist>().notNull().default({}),
		/** The resident's online signature of the fire-safety responsibility and the management rules. */
		rulesSignedBy: uuid().references(() => users.id),
		rulesSignedName: text(),
		rulesSignedAt: timestamp({ withTimezone: true }),
		/** Move-out: damages priced at the inspection, money in minor units. */
		damages: jsonb().$type<{ description: string; amountMinor: number }[]>().notNull().default([]),
		forwardingAddress: text().notNull().default(''),
		forwardingPhone: text().notNull().default(''),
		/** A manager let the move-out complete with money owed, on the record. */
		waivedBy: uuid().references(() => users.id),
		waivedReason: text(),
		/** The deposit refund requested at settlement (fees/refunds.ts). */
		refundId: uuid(),
		createdBy: uuid().references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('moves_estate').on(t.estateId, t.state),
		index('moves_unit').on(t.unitId),
		check('moves_one_party', sql`(${t.partyUserId} is null) <> (${t.partyCompanyId} is null)`)
	]
);

export const moveDocumentKind = pgEnum('move_document_kind', [
	'id_copy',
	'business_licence',
	'power_of_attorney',
	'proxy_id',
	'archive_form',
	'parking_contract'
]);

/** A paper of a move uploaded through the file checks (files/). */
export const moveDocuments = pgTable(
	'move_documents',
	{
		id: uuid().primaryKey().defaultRandom(),
		moveId: uuid()
			.notNull()
			.references(() => moves.id),
		kind: moveDocumentKind().notNull(),
		fileId: uuid().notNull(),
		uploadedBy: uuid().references(() => users.id),
		at: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('move_documents_move').on(t.moveId)]
);

/**
 * A meter reading taken at the joint inspection, confirmed by three parties (customer service,
 * engineering, the resident). Once all three confirm it is written to meter_readings: a move-in's
 * becomes the unit's opening reading for the new occupant's bills, a move-out's the closing one.
 */
export const moveReadings = pgTable(
	'move_readings',
	{
		id: uuid().primaryKey().defaultRandom(),
		moveId: uuid()
			.notNull()
			.references(() => moves.id),
		meter: meterKind().notNull(),
		readOn: date().notNull(),
		value: numeric({ precision: 14, scale: 2 }).notNull(),
		deskBy: uuid().references(() => users.id),
		engineeringBy: uuid().references(() => users.id),
		residentBy: uuid().references(() => users.id),
		/** Set when written to meter_readings. */
		recordedAt: timestamp({ withTimezone: true })
	},
	(t) => [uniqueIndex('move_readings_move_meter').on(t.moveId, t.meter)]
);

export const unitKeyKind = pgEnum('unit_key_kind', ['door', 'mailbox', 'access_card', 'garage', 'other']);

/**
 * The unit's numbered key register: each key or card handed out, to whom (the occupancy; while a
 * move-in is open, its case), and when it came back or was reported missing.
 */
export const unitKeys = pgTable(
	'unit_keys',
	{
		id: uuid().primaryKey().defaultRandom(),
		unitId: uuid()
			.notNull()
			.references(() => units.id),
		number: text().notNull(),
		kind: unitKeyKind().notNull(),
		holderOccupancyId: uuid().references(() => occupancies.id),
		issuedMoveId: uuid().references(() => moves.id),
		issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		returnedAt: timestamp({ withTimezone: true }),
		returnedMoveId: uuid().references(() => moves.id),
		/** Not returned: priced as a damage at the move-out (minor units). */
		missingMinor: bigint({ mode: 'number' })
	},
	(t) => [
		index('unit_keys_unit').on(t.unitId),
		// A numbered key is out to one holder at a time.
		uniqueIndex('unit_keys_out')
			.on(t.unitId, t.number)
			.where(sql`${t.returnedAt} is null`)
	]
);
