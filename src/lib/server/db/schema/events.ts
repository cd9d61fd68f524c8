import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/** Append-only history of every case: drives timelines, notifications and SLA clocks. */
export const events = pgTable(
	'events',
	{
		id: bigserial({ mode: 'number' }).primaryKey(),
		actorId: uuid().references(() => users.id),
		subjectType: text().notNull(),
		subjectId: text().notNull(),
		kind: text().notNull(),
		fromState: text(),
		toState: text(),
		note: text().notNull().default(''),
		data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
		at: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('events_subject').on(t.subjectType, t.subjectId, t.id)]
);

/** What staff did, for accountability; also append-only. */
export const auditLog = pgTable(
	'audit_log',
	{
		id: bigserial({ mode: 'number' }).primaryKey(),
		actorId: uuid().references(() => users.id),
		action: text().notNull(),
		subjectType: text().notNull(),
		subjectId: text().notNull(),
		detail: jsonb().$type<Record<string, unknown>>().notNull().default({}),
		ip: text().notNull().default(''),
		at: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('audit_log_at').on(t.at), index('audit_log_actor').on(t.actorId, t.at)]
);
