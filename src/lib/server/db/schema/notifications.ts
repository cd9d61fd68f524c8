import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/**
 * The in-app inbox. Title and body are stored already rendered in the recipient's language, so
 * the inbox shows exactly what was sent even after the wording of a message changes.
 */
export const notifications = pgTable(
	'notifications',
	{
		id: uuid().primaryKey().defaultRandom(),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** What happened, e.g. "repair.assigned"; lets a later change group or filter them. */
		kind: text().notNull(),
		subjectType: text().notNull(),
		subjectId: text().notNull(),
		title: text().notNull(),
		body: text().notNull(),
		/** A path on this site (never an absolute URL) that opening the notification leads to. */
		link: text().notNull(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		readAt: timestamp({ withTimezone: true })
	},
	(t) => [
		// The unread badge: count(*) where user_id = ? and read_at is null.
		index('notifications_user_read_created').on(t.userId, t.readAt, t.createdAt),
		// The notices about one record (a survey's invitations, read back for its reminders).
		index('notifications_subject').on(t.subjectId, t.kind, t.id),
		// The inbox list: newest first per user, keyset-paginated.
		index('notifications_user_created').on(t.userId, t.createdAt, t.id)
	]
);

/**
 * One row per email/SMS a notify.deliver job has handed over, so a job that runs again (jobs run
 * at least once) does not message anyone twice.
 */
export const notificationDeliveries = pgTable(
	'notification_deliveries',
	{
		jobId: uuid().notNull(),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		channel: text({ enum: ['email', 'sms'] }).notNull(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.jobId, t.userId, t.channel] })]
);
