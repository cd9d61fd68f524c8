import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { SegmentFilter } from '#lib/schemas/segments.ts';
import { users } from './accounts.ts';

/**
 * A customer segment (客戶細分, rule 11): a saved filter over customers — their types, grades,
 * estates, arrears, area held, renovations, survey answers (lib/schemas/segments.ts says what each
 * means; customers/segments.ts turns it into SQL). Used as an audience of notices and surveys.
 * Archived, never deleted: a notice that went to it still names it.
 */
export const segments = pgTable(
	'segments',
	{
		id: uuid().primaryKey().defaultRandom(),
		name: text().notNull(),
		description: text().notNull().default(''),
		filter: jsonb().$type<SegmentFilter>().notNull(),
		createdBy: uuid()
			.notNull()
			.references(() => users.id),
		archived: boolean().notNull().default(false),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('segments_archived').on(t.archived, t.name)]
);
