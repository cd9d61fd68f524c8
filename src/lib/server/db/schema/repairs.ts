import { sql } from 'drizzle-orm';
import {
	bigserial,
	boolean,
	check,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { estates, occupancies, units } from './property.ts';
import { repairKinds } from './dictionaries.ts';
import { phoneKeySql } from '../../kernel/phone-key-sql.ts';
import { files } from './files.ts';

/** The states of a repair order; the transitions between them live in repairs/machine.ts. */
export const repairState = pgEnum('repair_state', [
	'received',
	'assigned',
	'scheduled',
	'in_progress',
	'awaiting_signoff',
	'done',
	'cancelled'
]);
export const repairChannel = pgEnum('repair_channel', ['portal', 'phone', 'counter', 'widget']);
export const repairLocation = pgEnum('repair_location', ['unit', 'common_area']);
/**
 * How the order's appointment was agreed after the technician could not keep one (rule 2: "if the
 * appointment cannot be kept the resident is told and a new time agreed"): 'proposed' — the
 * technician's new time, waiting for the resident (it stands as the appointment, shown as not
 * confirmed); 'confirmed' — the resident confirmed it; 'chosen' — the resident chose another time.
 */
export const repairAppointmentAgreement = pgEnum('repair_appointment_agreement', ['proposed', 'confirmed', 'chosen']);

/** An engineering team (維修組) of an estate; orders go to a team and then to one technician. */
export const repairTeams = pgTable(
	'repair_teams',
	{
		id: uuid().primaryKey().defaultRandom(),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		name: text().notNull(),
		active: boolean().notNull().default(true),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('repair_teams_estate_name').on(t.estateId, t.name)]
);

export const repairTeamMembers = pgTable(
	'repair_team_members',
	{
		teamId: uuid()
			.notNull()
			.references(() => repairTeams.id, { onDelete: 'cascade' }),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** Round-robin hands the next order to the member assigned longest ago. */
		lastAssignedAt: timestamp({ withTimezone: true })
	},
	(t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('repair_team_members_user').on(t.userId)]
);

/**
 * A repair request (報修) and, once customer service assigns it, the work order (工程維修單) it
 * becomes: one row, one number, one timeline. Every change of `state` is written together with
 * an event row (events table) in one transaction; the timestamps here are the facts the queue,
 * SLA clocks and statistics read without replaying events.
 */
export const repairOrders = pgTable(
	'repair_orders',
	{
		id: uuid().primaryKey().defaultRandom(),
		/** Human reference shown to everyone (R000123); from a sequence so it never repeats. */
		seq: bigserial({ mode: 'number' }).notNull(),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		unitId: uuid()
			.notNull()
			.references(() => units.id),
		kindId: uuid()
			.notNull()
			.references(() => repairKinds.id),
		state: repairState().notNull().default('received'),
		channel: repairChannel().notNull(),
		location: repairLocation().notNull(),
		/** Where exactly: "kitchen sink", "lift lobby 12/F". */
		locationDetail: text().notNull().default(''),
		description: text().notNull(),
		contactName: text().notNull(),
		contactPhone: text().notNull(),
		enterWhenAbsent: boolean().notNull().default(false),
		accessNotes: text().notNull().default(''),
		/** The resident asked to be called to arrange a time instead of picking a slot. */
		callToArrange: boolean().notNull().default(false),
		/**
		 * After a missed appointment, how the new one was agreed (repairAppointmentAgreement); null
		 * for an appointment booked the usual way. Who answered and when is on the order's events.
		 */
		appointmentAgreement: repairAppointmentAgreement(),
		/** False while a repair from the public widget waits for staff to match its sender to the unit. */
		verified: boolean().notNull().default(true),
		/** The resident account that filed it or for whom staff entered it. */
		requesterId: uuid().references(() => users.id),
		/**
		 * The occupancy the case belongs to (privacy inside a unit): only its party sees it — not the
		 * landlord of a let flat, not a later occupant. Null when staff filed it for nobody in the unit.
		 */
		occupancyId: uuid().references(() => occupancies.id),
		createdBy: uuid().references(() => users.id),
		/** 首問: the staff member who owns the request until a recorded hand-over. */
		ownerId: uuid().references(() => users.id),
		promisedReplyBy: timestamp({ withTimezone: true }),
		teamId: uuid().references(() => repairTeams.id),
		technicianId: uuid().references(() => users.id),
		/** SLA targets, computed in working time from the kind when the request arrives. */
		responseDueAt: timestamp({ withTimezone: true }).notNull(),
		completionDueAt: timestamp({ withTimezone: true }).notNull(),
		firstResponseAt: timestamp({ withTimezone: true }),
		/** When the technician first opened the order (工程部接單時間). */
		technicianReceivedAt: timestamp({ withTimezone: true }),
		onSiteAt: timestamp({ withTimezone: true }),
		workDoneAt: timestamp({ withTimezone: true }),
		workSummary: text().notNull().default(''),
		signedOffAt: timestamp({ withTimezone: true }),
		signedOffName: text(),
		signatureFileId: uuid().references(() => files.id),
		cancelledAt: timestamp({ withTimezone: true }),
		/** Times the resident rejected completion; 0 at sign-off means fixed first time. */
		reopenCount: integer().notNull().default(0),
		escalatedAt: timestamp({ withTimezone: true }),
		/**
		 * The promised reply (promisedReplyBy) passed without one: when the owner was told, then the
		 * managers — once each per promise (a new promise clears both). deadlines/sweep.ts.
		 */
		promiseMissedAt: timestamp({ withTimezone: true }),
		promiseEscalatedAt: timestamp({ withTimezone: true }),
		/**
		 * Waiting for the resident's sign-off too long (repair_signoff_settings): when the resident was
		 * reminded and the owner told, then the managers — once each per completion (a rejection clears both).
		 */
		signoffRemindedAt: timestamp({ withTimezone: true }),
		signoffEscalatedAt: timestamp({ withTimezone: true }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('repair_orders_seq').on(t.seq),
		// The desk's "unverified" filter: widget repairs waiting to be matched to their sender.
		index('repair_orders_unverified')
			.on(t.estateId, t.createdAt)
			.where(sql`not ${t.verified}`),
		// Staff queue: estate + state filter, newest first, keyset on (created_at, id).
		index('repair_orders_estate_state_created').on(t.estateId, t.state, t.createdAt, t.id),
		index('repair_orders_estate_created').on(t.estateId, t.createdAt, t.id),
		// Queue pages across several estates or filters without their own index (mine, kind): newest
		// first straight off the index, filtering as it goes (scripts/bench-repairs.ts, 1 M orders).
		index('repair_orders_created').on(t.createdAt, t.id),
		// Open orders newest first (state=open/received/…, overdue), a small slice of all orders.
		index('repair_orders_open_created')
			.on(t.createdAt, t.id)
			.where(sql`${t.state} not in ('done', 'cancelled')`),
		index('repair_orders_unit_created').on(t.unitId, t.createdAt),
		index('repair_orders_occupancy_created').on(t.occupancyId, t.createdAt),
		index('repair_orders_technician_state').on(t.technicianId, t.state),
		// A technician's own queue, newest first.
		index('repair_orders_technician_created').on(t.technicianId, t.createdAt, t.id),
		index('repair_orders_owner_state').on(t.ownerId, t.state),
		// The desk's "time not confirmed": proposed times still waiting for the resident (a handful).
		index('repair_orders_time_proposed')
			.on(t.createdAt, t.id)
			.where(sql`${t.appointmentAgreement} = 'proposed' and ${t.state} = 'scheduled'`),
		// Overdue scans: open orders by due time.
		index('repair_orders_open_completion_due')
			.on(t.completionDueAt)
			.where(sql`${t.state} not in ('done', 'cancelled')`),
		// The front desk finds an open order by the contact phone given on it (frontdesk/repairs.ts).
		index('repair_orders_open_phone_key')
			.on(phoneKeySql(t.contactPhone))
			.where(sql`${t.state} not in ('done', 'cancelled')`),
		check('repair_orders_reopen_count', sql`${t.reopenCount} >= 0`)
	]
);

export const materialSource = pgEnum('material_source', ['estate', 'resident']);

/** Materials used on an order; ones the resident supplied are accepted or rejected (rule 2). */
export const repairMaterials = pgTable(
	'repair_materials',
	{
		id: uuid().primaryKey().defaultRandom(),
		repairId: uuid()
			.notNull()
			.references(() => repairOrders.id),
		name: text().notNull(),
		quantity: text().notNull().default('1'),
		source: materialSource().notNull(),
		/** Only for resident-supplied materials: true accepted, false rejected. */
		accepted: boolean(),
		note: text().notNull().default(''),
		recordedBy: uuid()
			.notNull()
			.references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('repair_materials_repair').on(t.repairId),
		check('repair_materials_acceptance', sql`(${t.source} = 'resident') = (${t.accepted} is not null)`)
	]
);

export const quoteState = pgEnum('quote_state', ['pending_approval', 'awaiting_resident', 'accepted', 'declined', 'rejected']);

/** A paid-service quote (有償服務收費通知): supervisor approves, then the resident accepts before work. */
export const repairQuotes = pgTable(
	'repair_quotes',
	{
		id: uuid().primaryKey().defaultRandom(),
		repairId: uuid()
			.notNull()
			.references(() => repairOrders.id),
		state: quoteState().notNull().default('pending_approval'),
		/** Lines copied from the paid-service list at quoting time, so later price changes don't alter it. */
		lines: jsonb()
			.$type<{ code: string; nameEn: string; nameZhHans: string; nameZhHant: string; quantity: number; unitPriceMinor: number }[]>()
			.notNull(),
		totalMinor: integer().notNull(),
		currency: text().notNull().default('CNY'),
		/** How long the paid work takes, in minutes, as told to the resident. */
		workMinutes: integer().notNull(),
		note: text().notNull().default(''),
		createdBy: uuid()
			.notNull()
			.references(() => users.id),
		approvedBy: uuid().references(() => users.id),
		approvedAt: timestamp({ withTimezone: true }),
		decidedBy: uuid().references(() => users.id),
		decidedAt: timestamp({ withTimezone: true }),
		decisionNote: text().notNull().default(''),
		/** Waiting for a supervisor too long (deadlines/rules.ts): when the supervisors were told, then the managers, once each. */
		overdueNotifiedAt: timestamp({ withTimezone: true }),
		overdueEscalatedAt: timestamp({ withTimezone: true }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('repair_quotes_repair').on(t.repairId, t.createdAt),
		// At most one quote in play per order.
		uniqueIndex('repair_quotes_one_open')
			.on(t.repairId)
			.where(sql`${t.state} in ('pending_approval', 'awaiting_resident')`),
		check('repair_quotes_total', sql`${t.totalMinor} >= 0`),
		check('repair_quotes_minutes', sql`${t.workMinutes} > 0`)
	]
);

/** The resident's rating after sign-off, once per order. */
export const repairRatings = pgTable(
	'repair_ratings',
	{
		repairId: uuid()
			.primaryKey()
			.references(() => repairOrders.id),
		overall: integer().notNull(),
		speed: integer().notNull(),
		technician: integer().notNull(),
		comment: text().notNull().default(''),
		ratedBy: uuid()
			.notNull()
			.references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('repair_ratings_range', sql`${t.overall} between 1 and 5 and ${t.speed} between 1 and 5 and ${t.technician} between 1 and 5`)
	]
);

/**
 * How long a finished repair waits for the resident's sign-off (one row, admin-edited on the
 * dictionaries page): the resident is reminded after remindAfterDays, and the order is closed
 * by the system (the machine's auto_close, on the record) after closeAfterDays. No row: 3 and 7.
 */
export const repairSignoffSettings = pgTable(
	'repair_signoff_settings',
	{
		id: boolean().primaryKey().default(true),
		remindAfterDays: integer().notNull().default(3),
		closeAfterDays: integer().notNull().default(7),
		updatedBy: uuid().references(() => users.id),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('repair_signoff_settings_single_row', sql`${t.id}`),
		check('repair_signoff_settings_remind', sql`${t.remindAfterDays} between 1 and 60`),
		check('repair_signoff_settings_close', sql`${t.closeAfterDays} between 2 and 60 and ${t.closeAfterDays} > ${t.remindAfterDays}`)
	]
);
