import { sql } from 'drizzle-orm';
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
	(t) => [
		index('events_subject').on(t.subjectType, t.subjectId, t.id),
		// The audit log reads what people did, newest first (staff-admin/audit.ts): by time, and by
		// time for one person. Events nobody did (jobs, webhooks) are left out of both.
		index('events_done_at')
			.on(t.at, t.id)
			.where(sql`${t.actorId} is not null`),
		index('events_actor')
			.on(t.actorId, t.at, t.id)
			.where(sql`${t.actorId} is not null`)
	]
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
