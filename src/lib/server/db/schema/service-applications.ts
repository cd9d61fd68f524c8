import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { estates, occupancies, units } from './property.ts';
import { bills, feeItems } from './fees.ts';
import type { ServiceField } from '../../../schemas/service-applications.ts';

/** The department that approves a kind of service application (its staff, or a manager, decide). */
export const serviceDepartment = pgEnum('service_department', ['customer_service', 'engineering', 'security', 'finance', 'manager']);
/** How an application's fee is worked out: the fee item's price once, or per unit of one of its number fields. */
export const serviceFeeBasis = pgEnum('service_fee_basis', ['fixed', 'per_unit']);

/**
 * Kinds of service application (服務申請: door-lock change, telephone line, parking space,
 * directory signage 水牌, after-hours air-conditioning 客戶加班…): dictionary data an admin edits
 * (rule 12) — the fields a resident fills (validated by lib/schemas/service-applications.ts), the
 * fee, the approving department and the lead time. A kind in use is retired, never deleted.
 */
export const serviceApplicationKinds = pgTable(
	'service_application_kinds',
	{
		id: uuid().primaryKey().defaultRandom(),
		code: text().notNull().unique(),
		nameEn: text().notNull(),
		nameZhHans: text().notNull(),
		nameZhHant: text().notNull(),
		fields: jsonb().$type<ServiceField[]>().notNull().default([]),
		/** The fee item billed on approval; null: free. */
		feeItemId: uuid().references(() => feeItems.id),
		feeBasis: serviceFeeBasis().notNull().default('fixed'),
		/** per_unit: the key of the number field that counts the units (hours, months…). */
		feeQuantityField: text(),
		department: serviceDepartment().notNull(),
		/** Working hours (calendar module) between applying and the requested date/time. */
		leadWorkingHours: integer().notNull().default(0),
		active: boolean().notNull().default(true),
		sort: integer().notNull().default(0),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [check('service_application_kinds_lead', sql`${t.leadWorkingHours} >= 0`)]
);

/** The states of an application; the transitions live in service-applications/machine.ts. */
export const serviceApplicationState = pgEnum('service_application_state', ['submitted', 'approved', 'rejected', 'done', 'withdrawn']);

/**
 * A resident's service application. It belongs to the occupancy that filed it (privacy inside a
 * unit); the kind's department and fields are copied at submission so a later dictionary edit
 * neither moves it to another queue nor changes what it says (the fee is priced when it is
 * approved). Every change of `state` is written with an event row.
 */
export const serviceApplications = pgTable(
	'service_applications',
	{
		id: uuid().primaryKey().defaultRandom(),
		/** Human reference (A000123, lib/references.ts). */
		seq: bigserial({ mode: 'number' }).notNull(),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		unitId: uuid()
			.notNull()
			.references(() => units.id),
		occupancyId: uuid()
			.notNull()
			.references(() => occupancies.id),
		kindId: uuid()
			.notNull()
			.references(() => serviceApplicationKinds.id),
		department: serviceDepartment().notNull(),
		state: serviceApplicationState().notNull().default('submitted'),
		/** The answers by field key, as validated against the kind's fields at submission. */
		answers: jsonb().$type<Record<string, string>>().notNull().default({}),
		/** The fields as they were when it was filed, so it reads the same after the kind is edited. */
		fields: jsonb().$type<ServiceField[]>().notNull().default([]),
		/** When the service is wanted (the first date and time fields), for the lead time and the queue. */
		requestedFor: timestamp({ withTimezone: true }),
		submittedBy: uuid()
			.notNull()
			.references(() => users.id),
		decidedBy: uuid().references(() => users.id),
		decidedAt: timestamp({ withTimezone: true }),
		decisionNote: text().notNull().default(''),
		billId: uuid().references(() => bills.id),
		doneAt: timestamp({ withTimezone: true }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('service_applications_queue').on(t.estateId, t.department, t.state, t.createdAt),
		index('service_applications_occupancy').on(t.occupancyId, t.createdAt)
	]
);
