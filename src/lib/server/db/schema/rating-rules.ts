import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The office's rating rules (評級規則, rule 11): one row per criterion (lib/rating-criteria.ts) with
 * its weight 0–100 and the figures between which its points run — `fullAt` earns 100 points,
 * `zeroAt` none, linearly between (arrears: 0 months overdue full, 3 months none). The scoring is
 * customers/rating.ts; the admin edits the rows on /staff/admin/rating-rules.
 */
export const ratingRules = pgTable(
	'rating_rules',
	{
		criterion: text().primaryKey(),
		weight: integer().notNull(),
		fullAt: integer().notNull(),
		zeroAt: integer().notNull(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [check('rating_rules_weight', sql`${t.weight} between 0 and 100`), check('rating_rules_range', sql`${t.fullAt} <> ${t.zeroAt}`)]
);

/** The grade bands: the least score (0–100) that earns each grade; a score below every band is the last grade. */
export const gradeBands = pgTable(
	'grade_bands',
	{
		grade: text().primaryKey(),
		minScore: integer().notNull(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [check('grade_bands_min', sql`${t.minScore} between 0 and 100`)]
);
