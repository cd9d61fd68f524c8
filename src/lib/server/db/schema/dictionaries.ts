import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Repair kinds (報修類別): dictionary data an admin edits. The safety-facility and water-leak
 * flags pick the callback deadline; response/completion minutes are SLA targets counted in
 * working time (src/lib/server/calendar). A kind in use is deactivated, never deleted.
 */
export const repairKinds = pgTable(
	'repair_kinds',
	{
		id: uuid().primaryKey().defaultRandom(),
		code: text().notNull().unique(),
		nameEn: text().notNull(),
		nameZhHans: text().notNull(),
		nameZhHant: text().notNull(),
		category: text().notNull(),
		isSafetyFacility: boolean().notNull().default(false),
		isWaterLeak: boolean().notNull().default(false),
		responseMinutes: integer().notNull(),
		completionMinutes: integer().notNull(),
		active: boolean().notNull().default(true),
		sort: integer().notNull().default(0),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('repair_kinds_response_positive', sql`${t.responseMinutes} > 0`),
		check('repair_kinds_completion_after_response', sql`${t.completionMinutes} >= ${t.responseMinutes}`)
	]
);

/** Callback deadlines in calendar days after completion (domain rule 3), one row per rule. */
export const callbackRules = pgTable(
	'callback_rules',
	{
		rule: text().primaryKey(),
		days: integer().notNull(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('callback_rules_rule', sql`${t.rule} in ('safety_facility', 'water_leak', 'default')`),
		check('callback_rules_days', sql`${t.days} between 1 and 60`)
	]
);

/** The free-service list (維修服務項目表): work outside it becomes a paid service. */
export const freeServiceItems = pgTable('free_service_items', {
	id: uuid().primaryKey().defaultRandom(),
	code: text().notNull().unique(),
	nameEn: text().notNull(),
	nameZhHans: text().notNull(),
	nameZhHant: text().notNull(),
	active: boolean().notNull().default(true),
	sort: integer().notNull().default(0),
	createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
});

/** Paid services (有償服務) with a list price in minor units (fen) of the currency. */
export const paidServiceItems = pgTable(
	'paid_service_items',
	{
		id: uuid().primaryKey().defaultRandom(),
		code: text().notNull().unique(),
		nameEn: text().notNull(),
		nameZhHans: text().notNull(),
		nameZhHant: text().notNull(),
		unitPriceMinor: integer().notNull(),
		currency: text().notNull().default('CNY'),
		active: boolean().notNull().default(true),
		sort: integer().notNull().default(0),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('paid_service_items_price', sql`${t.unitPriceMinor} >= 0`),
		check('paid_service_items_currency', sql`${t.currency} = 'CNY'`)
	]
);
