import { sql } from 'drizzle-orm';
import {
	boolean,
	customType,
	index,
	pgEnum,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
// Both ways: applications name their applicant (a user); an invitation may name an application.
import { phoneKeySql } from '../../kernel/phone-key-sql.ts';
import { renovationApplications } from './renovations.ts';

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea',
	fromDriver: (value) => new Uint8Array(value)
});

export const userKind = pgEnum('user_kind', ['resident', 'staff', 'contractor']);
/** Roles granted explicitly; resident / company admin / company member follow from data. */
export const staffRole = pgEnum('staff_role', [
	'customer_service',
	'engineering',
	'engineering_supervisor',
	'security',
	'finance',
	'manager',
	'admin'
]);
export const companyMemberRole = pgEnum('company_member_role', ['admin', 'member']);

export const users = pgTable(
	'users',
	{
		id: uuid().primaryKey().defaultRandom(),
		/** Stored lower-cased; the login name. */
		email: text().notNull(),
		name: text().notNull(),
		phone: text().notNull().default(''),
		kind: userKind().notNull(),
		passwordHash: text(),
		locale: text(),
		disabled: boolean().notNull().default(false),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('users_email').on(t.email),
		// Staff registry search: substring match on occupant name or email (pg_trgm).
		index('users_name_trgm').using('gin', t.name.op('gin_trgm_ops')),
		index('users_email_trgm').using('gin', t.email.op('gin_trgm_ops')),
		// The front desk finds a caller by phone typed in any format (frontdesk/people.ts).
		index('users_phone_key').on(phoneKeySql(t.phone))
	]
);

export const staffRoles = pgTable(
	'staff_roles',
	{
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: staffRole().notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.role] })]
);

/** Estates a staff member works for; admins see every estate. */
export const staffEstates = pgTable(
	'staff_estates',
	{
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		estateId: uuid().notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.estateId] })]
);

/** A company renting or owning units (單位客戶). */
export const residentCompanies = pgTable(
	'resident_companies',
	{
		id: uuid().primaryKey().defaultRandom(),
		name: text().notNull(),
		registrationNo: text().notNull().default(''),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('resident_companies_name_trgm').using('gin', t.name.op('gin_trgm_ops')),
		// The registry import matches companies by name, case-insensitively.
		index('resident_companies_name_lower').on(sql`lower(${t.name})`)
	]
);

export const companyMembers = pgTable(
	'company_members',
	{
		companyId: uuid()
			.notNull()
			.references(() => residentCompanies.id),
		userId: uuid()
			.notNull()
			.references(() => users.id),
		role: companyMemberRole().notNull(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.companyId, t.userId] }), index('company_members_user').on(t.userId)]
);

/** Lucia-style sessions: the token is `<id>.<secret>`; only SHA-256(secret) is stored. */
export const sessions = pgTable(
	'sessions',
	{
		id: text().primaryKey(),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		secretHash: bytea().notNull(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		lastVerifiedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		userAgent: text().notNull().default('')
	},
	(t) => [index('sessions_user').on(t.userId)]
);

/** One row per failed sign-in, keyed by account and by client address. */
export const loginFailures = pgTable(
	'login_failures',
	{
		id: uuid().primaryKey().defaultRandom(),
		key: text().notNull(),
		at: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('login_failures_key_at').on(t.key, t.at)]
);

/**
 * One-time codes: unit invitations (staff → resident), company invitations (company admin →
 * member) and password resets. Only the SHA-256 of the code is stored.
 */
export const oneTimeCodes = pgTable(
	'one_time_codes',
	{
		id: uuid().primaryKey().defaultRandom(),
		purpose: text({ enum: ['unit_invitation', 'company_invitation', 'renovation_invitation', 'password_reset'] }).notNull(),
		codeHash: bytea().notNull(),
		userId: uuid().references(() => users.id),
		unitId: uuid(),
		companyId: uuid(),
		/** A renovation application whose contractor the invitation is for (renovations/contractor.ts). */
		renovationId: uuid().references((): AnyPgColumn => renovationApplications.id),
		/** owner | renter for unit invitations, admin | member for company invitations. */
		grantRole: text(),
		email: text(),
		createdBy: uuid().references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp({ withTimezone: true }).notNull(),
		usedAt: timestamp({ withTimezone: true }),
		usedBy: uuid().references(() => users.id)
	},
	(t) => [
		uniqueIndex('one_time_codes_hash').on(t.codeHash),
		index('one_time_codes_unused')
			.on(t.purpose, t.expiresAt)
			.where(sql`${t.usedAt} is null`)
	]
);
