import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Every message the app sends. With no SMTP configured this is where email ends up, readable
 * by admins in the app (and by tests); with SMTP it is the record of what was sent.
 */
export const outbox = pgTable(
	'outbox',
	{
		id: uuid().primaryKey().defaultRandom(),
		channel: text({ enum: ['email', 'sms'] }).notNull(),
		recipient: text().notNull(),
		subject: text().notNull().default(''),
		body: text().notNull(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		sentAt: timestamp({ withTimezone: true }),
		error: text()
	},
	(t) => [index('outbox_created').on(t.createdAt), index('outbox_recipient').on(t.recipient)]
);
