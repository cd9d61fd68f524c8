import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { phoneKeySql } from '../../kernel/phone-key-sql.ts';
import { residentCompanies, users } from './accounts.ts';

export const estateKind = pgEnum('estate_kind', ['residential', 'office']);
export const unitUse = pgEnum('unit_use', ['residential', 'office', 'retail']);
export const occupancyRole = pgEnum('occupancy_role', ['owner', 'renter']);

/** The property-management company that runs the estates (物業公司). */
export const managementCompanies = pgTable('management_companies', {
	id: uuid().primaryKey().defaultRandom(),
	name: text().notNull(),
	createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
});

export const estates = pgTable('estates', {
	id: uuid().primaryKey().defaultRandom(),
	companyId: uuid()
		.notNull()
		.references(() => managementCompanies.id),
	code: text().notNull().unique(),
	name: text().notNull(),
	kind: estateKind().notNull(),
	address: text().notNull().default(''),
	/** IANA zone the estate lives in: what "today" and "this month" mean there (src/lib/time). */
	timeZone: text().notNull(),
	createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
});

export const buildings = pgTable(
	'buildings',
	{
		id: uuid().primaryKey().defaultRandom(),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		code: text().notNull(),
		name: text().notNull(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('buildings_estate_code').on(t.estateId, t.code),
		// Staff unit lists are ordered by building code first (keyset pagination).
		index('buildings_code').on(t.code, t.id)
	]
);

export const floors = pgTable(
	'floors',
	{
		id: uuid().primaryKey().defaultRandom(),
		buildingId: uuid()
			.notNull()
			.references(() => buildings.id),
		level: integer().notNull(),
		label: text().notNull()
	},
	(t) => [uniqueIndex('floors_building_level').on(t.buildingId, t.level)]
);

/**
 * A unit (單元/房號). estateId and buildingId are copied from the floor so that staff lists
 * filter and sort on one table with one index even at 100 k units.
 */
export const units = pgTable(
	'units',
	{
		id: uuid().primaryKey().defaultRandom(),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		buildingId: uuid()
			.notNull()
			.references(() => buildings.id),
		floorId: uuid()
			.notNull()
			.references(() => floors.id),
		number: text().notNull(),
		areaM2: numeric({ precision: 10, scale: 2 }).notNull(),
		use: unitUse().notNull(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('units_building_number').on(t.buildingId, t.number),
		index('units_estate_sort').on(t.estateId, t.buildingId, t.number, t.id),
		index('units_sort').on(t.buildingId, t.number, t.id),
		// Case-insensitive unit-number prefix search across buildings (LIKE needs pattern ops outside the C locale).
		index('units_number_prefix').on(sql`lower(${t.number}) text_pattern_ops`),
		check('units_area_positive', sql`${t.areaM2} > 0`)
	]
);

/** Who lives or works in a unit: a person (userId) or a resident company (companyId). */
export const occupancies = pgTable(
	'occupancies',
	{
		id: uuid().primaryKey().defaultRandom(),
		unitId: uuid()
			.notNull()
			.references(() => units.id),
		userId: uuid().references(() => users.id),
		companyId: uuid().references(() => residentCompanies.id),
		role: occupancyRole().notNull(),
		startsOn: date().notNull(),
		endsOn: date(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('occupancies_unit').on(t.unitId),
		index('occupancies_user').on(t.userId),
		index('occupancies_company').on(t.companyId),
		check('occupancies_one_party', sql`(${t.userId} is null) <> (${t.companyId} is null)`),
		check('occupancies_dates', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`)
	]
);

export const householdMembers = pgTable(
	'household_members',
	{
		id: uuid().primaryKey().defaultRandom(),
		unitId: uuid()
			.notNull()
			.references(() => units.id),
		/** Whose household it is: the occupancy that recorded it (the landlord of a let flat and
		 * later occupants do not see it). Null only for rows from before occupancies owned them. */
		occupancyId: uuid().references(() => occupancies.id),
		name: text().notNull(),
		relation: text().notNull(),
		phone: text().notNull().default(''),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		/** Removed by the household: ended, never deleted, so it stays in the unit's file (一戶一檔). */
		endedAt: timestamp({ withTimezone: true }),
		endedBy: uuid().references(() => users.id)
	},
	(t) => [
		index('household_members_unit').on(t.unitId),
		index('household_members_occupancy').on(t.occupancyId),
		// The front desk finds a household member by phone or name (frontdesk/people.ts).
		index('household_members_phone_key').on(phoneKeySql(t.phone)),
		index('household_members_name_trgm').using('gin', t.name.op('gin_trgm_ops'))
	]
);

export const emergencyContacts = pgTable(
	'emergency_contacts',
	{
		id: uuid().primaryKey().defaultRandom(),
		unitId: uuid()
			.notNull()
			.references(() => units.id),
		/** Whose contact it is (see household_members.occupancy_id). */
		occupancyId: uuid().references(() => occupancies.id),
		name: text().notNull(),
		relation: text().notNull(),
		phone: text().notNull(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		/** Removed by the household: ended, never deleted (see household_members.ended_at). */
		endedAt: timestamp({ withTimezone: true }),
		endedBy: uuid().references(() => users.id)
	},
	(t) => [index('emergency_contacts_unit').on(t.unitId), index('emergency_contacts_occupancy').on(t.occupancyId)]
);
