import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/**
 * Uploaded files (repair photos, later drawings and signatures). The bytes live in the storage
 * backend under storageKey; this row says what they are and what they belong to. Whoever may
 * see the subject (subjectType + subjectId, e.g. a repair order) may see its files.
 */
export const files = pgTable(
	'files',
	{
		id: uuid().primaryKey().defaultRandom(),
		storageKey: text().notNull(),
		contentType: text().notNull(),
		bytes: integer().notNull(),
		width: integer(),
		height: integer(),
		/** Hex SHA-256 of the stored bytes. */
		sha256: text().notNull(),
		subjectType: text().notNull(),
		subjectId: text().notNull(),
		/** Null for a photo a public visitor sent through the widget. */
		uploadedBy: uuid().references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('files_storage_key').on(t.storageKey), index('files_subject').on(t.subjectType, t.subjectId, t.createdAt)]
);
