import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { residentCompanies, users } from './accounts.ts';
import { estates, occupancies, units } from './property.ts';

/** The steps of a visit (拜訪客戶, rule 8); the transitions live in visits/machine.ts. */
export const visitState = pgEnum('visit_state', ['booked', 'proposed', 'confirmed', 'held', 'closed', 'cancelled']);

/** The steps of a follow-up of a visit: open until its owner answers it. */
export const visitFollowUpState = pgEnum('visit_follow_up_state', ['open', 'done']);

/**
 * An estate's visit plan for one year: which customers the office means to visit and how often.
 * The customers are named one by one (visit_targets) for now; customer types (rule 11) will add
 * targets by type to the same plan, so the statistics read one plan whatever made its targets.
 */
export const visitPlans = pgTable(
	'visit_plans',
	{
		id: uuid().primaryKey().defaultRandom(),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		year: integer().notNull(),
		createdBy: uuid().references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('visit_plans_estate_year').on(t.estateId, t.year)]
);

/**
 * One customer of a plan and how many visits a year it is to have. A customer is the party of an
 * occupancy: a person (userId) or a resident company (companyId) — a company renting three floors
 * is one customer, whichever unit a visit is held in.
 */
export const visitTargets = pgTable(
	'visit_targets',
	{
		id: uuid().primaryKey().defaultRandom(),
		planId: uuid()
			.notNull()
			.references(() => visitPlans.id),
		userId: uuid().references(() => users.id),
		companyId: uuid().references(() => residentCompanies.id),
		times: integer().notNull(),
		createdBy: uuid().references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('visit_targets_one_party', sql`(${t.userId} is null) <> (${t.companyId} is null)`),
		check('visit_targets_times', sql`${t.times} between 1 and 52`),
		uniqueIndex('visit_targets_plan_user')
			.on(t.planId, t.userId)
			.where(sql`${t.userId} is not null`),
		uniqueIndex('visit_targets_plan_company')
			.on(t.planId, t.companyId)
			.where(sql`${t.companyId} is not null`)
	]
);

/**
 * A visit to a customer (拜訪客戶, rule 8): booked by staff for a time, confirmed by the resident or
 * answered with another time, held with what was said (opinions, suggestions, requests), closed
 * once its follow-ups are answered. It belongs to the occupancy visited: the landlord of a let unit
 * and a later occupant do not see it. Every change of `state` is written with an event.
 */
export const visits = pgTable(
	'visits',
	{
		id: uuid().primaryKey().defaultRandom(),
		/** The number everyone reads (V000123). */
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
		/** Who visits (the staff member who booked it, unless changed). */
		staffId: uuid()
			.notNull()
			.references(() => users.id),
		/** The time booked (or, once accepted, the time the resident proposed). */
		startsAt: timestamp({ withTimezone: true }).notNull(),
		/** The other time the resident proposed, while the office has not answered (state 'proposed'). */
		proposedAt: timestamp({ withTimezone: true }),
		proposalNote: text().notNull().default(''),
		/** What the office wants to talk about, shown to the resident with the booking. */
		purpose: text().notNull().default(''),
		state: visitState().notNull(),
		/** The visit form: what the customer said. */
		opinions: text().notNull().default(''),
		suggestions: text().notNull().default(''),
		requests: text().notNull().default(''),
		heldAt: timestamp({ withTimezone: true }),
		closedAt: timestamp({ withTimezone: true }),
		cancelReason: text().notNull().default(''),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('visits_seq').on(t.seq),
		index('visits_estate_starts').on(t.estateId, t.startsAt),
		index('visits_occupancy').on(t.occupancyId, t.startsAt)
	]
);

/**
 * What a visit could not answer on the spot, with the staff member who owns it and the day it is
 * due; the owner answers it (the resident reads the answer), and a morning job reminds the owner
 * from the day before it is due — once a day, the managers too once it is overdue.
 */
export const visitFollowUps = pgTable(
	'visit_follow_ups',
	{
		id: uuid().primaryKey().defaultRandom(),
		visitId: uuid()
			.notNull()
			.references(() => visits.id),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		question: text().notNull(),
		ownerId: uuid()
			.notNull()
			.references(() => users.id),
		dueOn: date({ mode: 'string' }).notNull(),
		state: visitFollowUpState().notNull().default('open'),
		answer: text().notNull().default(''),
		doneAt: timestamp({ withTimezone: true }),
		doneBy: uuid().references(() => users.id),
		/** The estate's day the last reminder went out: once a day. */
		remindedOn: date({ mode: 'string' }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('visit_follow_ups_visit').on(t.visitId), index('visit_follow_ups_due').on(t.estateId, t.state, t.dueOn)]
);
