import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, users } from './accounts.ts';
import { estates } from './property.ts';
import { files } from './files.ts';
import { repairOrders } from './repairs.ts';

/** The three roles rule 3 shares callbacks between: director, administrator, repair lead. */
export const callbackRole = pgEnum('callback_role', ['manager', 'customer_service', 'engineering_supervisor']);
export const callbackState = pgEnum('callback_state', ['open', 'done']);

/**
 * A repair callback (維修回訪), one per completed order, due at completion + the kind's days.
 * The resident's own evaluation (回訪評議表) comes through a personal link whose token is stored
 * only as a SHA-256 hash; it works once and expires.
 */
export const repairCallbacks = pgTable(
	'repair_callbacks',
	{
		id: uuid().primaryKey().defaultRandom(),
		repairId: uuid()
			.notNull()
			.references(() => repairOrders.id),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		/** Which callback rule set the deadline: safety_facility, water_leak or default. */
		rule: text().notNull(),
		dueAt: timestamp({ withTimezone: true }).notNull(),
		assigneeId: uuid().references(() => users.id),
		assigneeRole: callbackRole().notNull(),
		state: callbackState().notNull().default('open'),
		doneAt: timestamp({ withTimezone: true }),
		doneBy: uuid().references(() => users.id),
		workOk: boolean(),
		/** The technician's service as the resident described it, 1–5. */
		serviceRating: integer(),
		suggestions: text().notNull().default(''),
		chargesOk: boolean(),
		residentSignedName: text(),
		signatureFileId: uuid().references(() => files.id),
		problemFound: boolean(),
		problemNote: text().notNull().default(''),
		evaluationTokenHash: bytea(),
		evaluationExpiresAt: timestamp({ withTimezone: true }),
		/** Past its due time while still open: when its assignee was told (deadlines/sweep.ts), once. */
		overdueNotifiedAt: timestamp({ withTimezone: true }),
		/** …and when the estate's managers were told, a working-time grace later, once. */
		overdueEscalatedAt: timestamp({ withTimezone: true }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('repair_callbacks_repair').on(t.repairId),
		uniqueIndex('repair_callbacks_token').on(t.evaluationTokenHash),
		index('repair_callbacks_estate_due').on(t.estateId, t.state, t.dueAt),
		index('repair_callbacks_created').on(t.createdAt),
		check('repair_callbacks_rating', sql`${t.serviceRating} is null or ${t.serviceRating} between 1 and 5`)
	]
);

/** What the resident answered on the callback evaluation form, once per callback. */
export const callbackEvaluations = pgTable(
	'callback_evaluations',
	{
		callbackId: uuid()
			.primaryKey()
			.references(() => repairCallbacks.id),
		workOk: boolean().notNull(),
		serviceRating: integer().notNull(),
		chargesOk: boolean().notNull(),
		suggestions: text().notNull().default(''),
		signedName: text().notNull(),
		submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [check('callback_evaluations_rating', sql`${t.serviceRating} between 1 and 5`)]
);

export const rectificationState = pgEnum('rectification_state', ['open', 'resolved']);

/**
 * A written rectification notice (整改通知) to the technician, due within 24 hours (rule 3): issued
 * by whoever did the callback, or — issuedBy null — opened at once by the resident's own
 * evaluation answering that the work is not fixed (callbacks/evaluation.ts).
 */
export const rectificationNotices = pgTable(
	'rectification_notices',
	{
		id: uuid().primaryKey().defaultRandom(),
		repairId: uuid()
			.notNull()
			.references(() => repairOrders.id),
		callbackId: uuid()
			.notNull()
			.references(() => repairCallbacks.id),
		technicianId: uuid().references(() => users.id),
		issue: text().notNull(),
		dueAt: timestamp({ withTimezone: true }).notNull(),
		state: rectificationState().notNull().default('open'),
		issuedBy: uuid().references(() => users.id),
		resolvedAt: timestamp({ withTimezone: true }),
		resolvedBy: uuid().references(() => users.id),
		resolution: text().notNull().default(''),
		/** Past due while still open: when its technician was told, once; then the managers, once. */
		overdueNotifiedAt: timestamp({ withTimezone: true }),
		overdueEscalatedAt: timestamp({ withTimezone: true }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('rectification_notices_repair').on(t.repairId),
		index('rectification_notices_technician_state').on(t.technicianId, t.state, t.dueAt)
	]
);
