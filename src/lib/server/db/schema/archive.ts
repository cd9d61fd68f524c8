import { bigint, bigserial, index, jsonb, pgEnum, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { estates, occupancies, units } from './property.ts';
import { moves } from './moves.ts';

/**
 * The unit's file (一戶一檔, rule 10): one entry per paper or record that belongs in it, each
 * pointing at its source record. Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE):
 * a correction is a new entry that names the one it corrects.
 */
export const archiveEntries = pgTable(
	'archive_entries',
	{
		id: bigserial({ mode: 'number' }).primaryKey(),
		unitId: uuid()
			.notNull()
			.references(() => units.id),
		/** Whose part of the file it is; null for the unit's own papers (no occupant, the public widget). */
		occupancyId: uuid().references(() => occupancies.id),
		/**
		 * The move (入伙 / 遷出) it was filed for. A move-in's papers are filed while the case is open,
		 * before its occupancy exists (occupancy_id null); once the move-in completes, the reader places
		 * them in the occupancy it started (archive/read.ts) — the entries themselves never change.
		 */
		moveId: uuid().references(() => moves.id),
		/** What it is (archive/kinds.ts), labelled in the reader's language. */
		kind: text().notNull(),
		/** The record it files: a subject type and id (a repair, a bill, a move-in…). */
		sourceType: text().notNull(),
		sourceId: text().notNull(),
		/** What the index shows without opening the source: its reference, title, amount… */
		summary: jsonb().$type<Record<string, unknown>>().notNull().default({}),
		/** A stored document filed with the entry (an ID copy, a signed form), when there is one. */
		fileId: uuid(),
		/** The entry this one corrects (the original stays as it was). */
		correctsId: bigint({ mode: 'number' }).references((): AnyPgColumn => archiveEntries.id),
		actorId: uuid().references(() => users.id),
		at: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		// The file reads newest first, one unit at a time; the occupancy's part likewise.
		index('archive_entries_unit').on(t.unitId, t.at, t.id),
		index('archive_entries_occupancy').on(t.occupancyId, t.at, t.id),
		index('archive_entries_source').on(t.sourceType, t.sourceId),
		index('archive_entries_move').on(t.moveId)
	]
);

/** What an opening of the file was: the whole file (or one occupancy's part), one entry, a printed index. */
export const archiveReadWhat = pgEnum('archive_read_what', ['file', 'entry', 'pdf']);

/**
 * Who read a unit's file, when, what and why (rule 10: the file is confidential). Append-only like
 * the file itself: a trigger refuses UPDATE, DELETE and TRUNCATE (drizzle/0022_issue14.sql).
 */
export const archiveReads = pgTable(
	'archive_reads',
	{
		id: bigserial({ mode: 'number' }).primaryKey(),
		unitId: uuid()
			.notNull()
			.references(() => units.id),
		/** The estate, copied so the log is scoped and filtered on one table. */
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		/** The part read: an occupancy's, or null for the whole file. */
		occupancyId: uuid().references(() => occupancies.id),
		what: archiveReadWhat().notNull(),
		/** The entry opened (what = 'entry'). */
		entryId: bigint({ mode: 'number' }).references(() => archiveEntries.id),
		readerId: uuid()
			.notNull()
			.references(() => users.id),
		/** Why, as the reader typed it (required from staff reading by a grant). */
		reason: text().notNull().default(''),
		/** The approved request the reader read by; null for customer service, managers and the occupant. */
		grantId: uuid().references((): AnyPgColumn => archiveAccessRequests.id),
		at: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('archive_reads_estate_at').on(t.estateId, t.at, t.id),
		index('archive_reads_reader').on(t.readerId, t.at),
		index('archive_reads_unit').on(t.unitId, t.at)
	]
);

export const archiveAccessState = pgEnum('archive_access_state', ['requested', 'approved', 'refused', 'expired']);

/**
 * A staff member outside customer service asking to read one unit's file (查閱經客務部經理批準):
 * a small life cycle (archive/access-machine.ts). An approved request is a grant until expiresAt.
 */
export const archiveAccessRequests = pgTable(
	'archive_access_requests',
	{
		id: uuid().primaryKey().defaultRandom(),
		unitId: uuid()
			.notNull()
			.references(() => units.id),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		requesterId: uuid()
			.notNull()
			.references(() => users.id),
		reason: text().notNull(),
		state: archiveAccessState().notNull().default('requested'),
		decidedBy: uuid().references(() => users.id),
		decidedAt: timestamp({ withTimezone: true }),
		decisionNote: text().notNull().default(''),
		/** When an approved grant stops letting its requester read (set on approval). */
		expiresAt: timestamp({ withTimezone: true }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('archive_access_requests_estate_state').on(t.estateId, t.state, t.createdAt),
		index('archive_access_requests_requester').on(t.requesterId, t.unitId, t.state)
	]
);
