import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Durable due-tasks (SLA escalations, callbacks due, reminders): a job is a row, written in the
 * same transaction as the state change that needs it, and claimed by a worker with
 * `FOR UPDATE SKIP LOCKED` plus a lease, so that a restart loses nothing and two app processes
 * never run one job at the same time. See src/lib/server/jobs/queue.ts.
 */
export const jobs = pgTable(
	'jobs',
	{
		id: uuid().primaryKey().defaultRandom(),
		kind: text().notNull(),
		payload: jsonb().$type<unknown>().notNull().default({}),
		runAt: timestamp({ withTimezone: true }).notNull(),
		/** Claims so far, counted when claimed so a job that crashes its worker still runs out. */
		attempts: integer().notNull().default(0),
		maxAttempts: integer().notNull().default(5),
		/** The lease: until then the worker in lockedBy owns the job; after it, anyone may claim it. */
		lockedUntil: timestamp({ withTimezone: true }),
		lockedBy: text(),
		doneAt: timestamp({ withTimezone: true }),
		failedAt: timestamp({ withTimezone: true }),
		lastError: text(),
		/** Names one pending job: scheduling the same key again while it is pending adds nothing. */
		dedupeKey: text(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		// Pending jobs only: once a job has run (or given up) its key may be scheduled anew, e.g.
		// the SLA check of a repair that was reopened. The finished row stays as history.
		uniqueIndex('jobs_pending_dedupe_key')
			.on(t.dedupeKey)
			.where(sql`${t.dedupeKey} is not null and ${t.doneAt} is null and ${t.failedAt} is null`),
		// What the workers poll: pending jobs by due time.
		index('jobs_due')
			.on(t.runAt)
			.where(sql`${t.doneAt} is null and ${t.failedAt} is null`),
		check('jobs_max_attempts_positive', sql`${t.maxAttempts} > 0`)
	]
);
