import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { RatingCriterion } from '#lib/rating-criteria.ts';
import { residentCompanies, users } from './accounts.ts';

/**
 * Customer types (客戶類型, rule 11): dictionary data an admin edits — key account, government,
 * retail, residential owner, investor. `keyAccount` marks the types whose data must be ≥ 98 %
 * accurate (customers/accuracy.ts). A type in use is deactivated, never deleted.
 */
export const customerTypes = pgTable('customer_types', {
	id: uuid().primaryKey().defaultRandom(),
	code: text().notNull().unique(),
	nameEn: text().notNull(),
	nameZhHans: text().notNull(),
	nameZhHant: text().notNull(),
	keyAccount: boolean().notNull().default(false),
	active: boolean().notNull().default(true),
	sort: integer().notNull().default(0),
	createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
});

/** A criterion's reason for its points, kept with the grade so staff see why (customers/rating.ts). */
export interface GradeReason {
	criterion: RatingCriterion;
	/** The figure the criterion read (an amount in minor units, a count, m², months, a score ×100). */
	value: number;
	/** Points 0–100 the criterion gave, before its weight. */
	points: number;
	weight: number;
}

/**
 * A customer (客戶) as the office classifies it: the party of occupancies — a person (userId) or a
 * resident company (companyId) — whichever units it holds. One row per party, made when staff first
 * classify it or when grading first reaches it. The computed grade is rewritten by the grading job;
 * an override is the office's own grade with its reason, kept until it is lifted (both on the record
 * as customer events).
 */
export const customers = pgTable(
	'customers',
	{
		id: uuid().primaryKey().defaultRandom(),
		userId: uuid().references(() => users.id),
		companyId: uuid().references(() => residentCompanies.id),
		typeId: uuid().references(() => customerTypes.id),
		/** A company's business licence (營業執照): its number and when it expires. */
		licenceNo: text().notNull().default(''),
		licenceExpiresOn: date(),
		/** When staff last confirmed the customer's contacts are current (the accuracy check's "contacts current"). */
		contactsCheckedOn: date(),
		/** The grade the rating rules computed, its score 0–100 and the reasons. */
		grade: text(),
		score: integer(),
		reasons: jsonb().$type<GradeReason[]>(),
		gradedAt: timestamp({ withTimezone: true }),
		/** The office's own grade and why, overriding the computed one while set. */
		overrideGrade: text(),
		overrideReason: text(),
		overrideBy: uuid().references(() => users.id),
		overrideAt: timestamp({ withTimezone: true }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('customers_one_party', sql`(${t.userId} is null) <> (${t.companyId} is null)`),
		check('customers_override_reason', sql`${t.overrideGrade} is null or length(trim(${t.overrideReason})) > 0`),
		uniqueIndex('customers_user')
			.on(t.userId)
			.where(sql`${t.userId} is not null`),
		uniqueIndex('customers_company')
			.on(t.companyId)
			.where(sql`${t.companyId} is not null`),
		index('customers_type').on(t.typeId)
	]
);
