import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, users } from './accounts.ts';
import { estates } from './property.ts';

/**
 * The public web widget of one estate (rule: the company's own site embeds it). The public key
 * names the estate in the loader tag; only the listed host sites may frame the widget's pages
 * (Content-Security-Policy frame-ancestors); the actions are what the widget offers.
 */
export const widgetSettings = pgTable('widget_settings', {
	estateId: uuid()
		.primaryKey()
		.references(() => estates.id),
	/** Public by design: it is in the host page's HTML. Letters and digits only. */
	publicKey: text().notNull().unique(),
	enabled: boolean().notNull().default(false),
	/** Origins (scheme://host[:port]) allowed to frame the widget. */
	allowedOrigins: text()
		.array()
		.notNull()
		.default(sql`'{}'::text[]`),
	/** Which of repair, complaint, track, survey the widget offers. */
	actions: text()
		.array()
		.notNull()
		.default(sql`'{repair,complaint,track}'::text[]`),
	/** The button's and headings' colour, #rrggbb. */
	accentColour: text().notNull().default('#0b5cad'),
	/** Signs the widget forms' time tokens (spam check); random per estate, never shown. */
	formSecret: bytea().notNull(),
	updatedBy: uuid().references(() => users.id),
	updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
});

/**
 * A request a public visitor sent through the widget: held here until the visitor types the
 * 6-digit code sent to their email or phone, then it becomes a repair order or a complaint
 * (caseType/caseId) and gets its tracking code. What the visitor typed is kept as sent.
 */
export const widgetRequests = pgTable(
	'widget_requests',
	{
		id: uuid().primaryKey().defaultRandom(),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		kind: text({ enum: ['repair', 'complaint'] }).notNull(),
		/** The form as validated (building, room, kind, description…), read back when the code is confirmed. */
		details: jsonb().notNull(),
		name: text().notNull(),
		phone: text().notNull().default(''),
		email: text().notNull().default(''),
		locale: text().notNull(),
		/** Where the code went: the email, else the phone (SMS). */
		codeChannel: text({ enum: ['email', 'sms'] }).notNull(),
		/** SHA-256 of the 6-digit code; the code itself is only in the message. */
		codeHash: bytea().notNull(),
		codeSentAt: timestamp({ withTimezone: true }).notNull(),
		codeAttempts: integer().notNull().default(0),
		expiresAt: timestamp({ withTimezone: true }).notNull(),
		confirmedAt: timestamp({ withTimezone: true }),
		caseType: text({ enum: ['repair', 'complaint'] }),
		caseId: uuid(),
		/** What the visitor types to follow the case, with the last 4 digits of the phone or the email. */
		trackingCode: text(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('widget_requests_tracking_code').on(t.trackingCode),
		index('widget_requests_case').on(t.caseType, t.caseId),
		index('widget_requests_expires').on(t.expiresAt),
		check(
			'widget_requests_confirmed_case',
			sql`(${t.confirmedAt} is null) = (${t.caseId} is null) and (${t.caseId} is null) = (${t.trackingCode} is null)`
		)
	]
);
