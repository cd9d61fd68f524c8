import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { occupancies, units } from './property.ts';

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
		index('archive_entries_source').on(t.sourceType, t.sourceId)
	]
);
