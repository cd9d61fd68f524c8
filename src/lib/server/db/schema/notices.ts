import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, jsonb, pgEnum, pgTable, primaryKey, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { buildings, estates, occupancies, units } from './property.ts';

/** The steps of a notice (通知 / 公告); the transitions live in notices/machine.ts. 'Expired' is not a state: a published notice past its expiry (notices/status.ts). */
export const noticeState = pgEnum('notice_state', ['draft', 'scheduled', 'published', 'withdrawn']);

/**
 * What one line of a notice's audience names. Each kind resolves to units in notices/audience.ts;
 * customer types and segments (issue 15's CRM part) join as kinds of their own, with a resolver there.
 */
export const noticeAudienceKind = pgEnum('notice_audience_kind', ['estate', 'building', 'floor', 'unit', 'segment', 'customer_type']);

/** Which occupants of the addressed units: everyone, the owners or the renters. */
export const noticeParty = pgEnum('notice_party', ['all', 'owner', 'renter']);

/** A text in the three languages; an empty one falls back, visibly, to another (notices/text.ts). */
export interface NoticeText {
	en: string;
	'zh-Hans': string;
	'zh-Hant': string;
}

/** A file sent with a notice (a PDF or an image, checked like every document): the name shown, the stored file. */
export interface NoticeAttachment {
	fileId: string;
	name: string;
	contentType: string;
}

/**
 * A notice of one estate's office: a water cut, lift maintenance. Written as a draft, published now
 * or at a time (the notices.publish job), withdrawn. Publishing resolves the audience once into
 * deliveries (who it was sent to), so a later occupant of a unit does not inherit it.
 */
export const notices = pgTable(
	'notices',
	{
		id: uuid().primaryKey().defaultRandom(),
		/** The number everyone reads (N000123). */
		seq: bigserial({ mode: 'number' }).notNull(),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		title: jsonb().$type<NoticeText>().notNull(),
		body: jsonb().$type<NoticeText>().notNull(),
		/** Its files (files.subject_type 'notice'), in the order attached. */
		attachments: jsonb().$type<NoticeAttachment[]>().notNull().default([]),
		party: noticeParty().notNull().default('all'),
		pinned: boolean().notNull().default(false),
		/** Urgent notices also go by email and SMS. */
		urgent: boolean().notNull().default(false),
		/** Shown in the estate's public widget as well. */
		public: boolean().notNull().default(false),
		state: noticeState().notNull().default('draft'),
		/** When it is to be published (scheduled), then when it was. */
		publishAt: timestamp({ withTimezone: true }),
		publishedAt: timestamp({ withTimezone: true }),
		expiresAt: timestamp({ withTimezone: true }),
		createdBy: uuid().references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('notices_seq').on(t.seq),
		index('notices_estate_state').on(t.estateId, t.state, t.publishedAt),
		index('notices_public')
			.on(t.estateId, t.publishedAt)
			.where(sql`${t.public} and ${t.state} = 'published'`)
	]
);

/** One line of a notice's audience: an estate, building, floor or unit, a customer segment or type (by id). */
export const noticeAudience = pgTable(
	'notice_audience',
	{
		noticeId: uuid()
			.notNull()
			.references(() => notices.id),
		kind: noticeAudienceKind().notNull(),
		targetId: uuid().notNull()
	},
	(t) => [primaryKey({ columns: [t.noticeId, t.kind, t.targetId] })]
);

/** A notice sent to one occupancy current when it was published; read counts are per building. */
export const noticeDeliveries = pgTable(
	'notice_deliveries',
	{
		id: uuid().primaryKey().defaultRandom(),
		noticeId: uuid()
			.notNull()
			.references(() => notices.id),
		occupancyId: uuid()
			.notNull()
			.references(() => occupancies.id),
		unitId: uuid()
			.notNull()
			.references(() => units.id),
		buildingId: uuid()
			.notNull()
			.references(() => buildings.id),
		deliveredAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('notice_deliveries_once').on(t.noticeId, t.occupancyId), index('notice_deliveries_occupancy').on(t.occupancyId)]
);

/** Who opened a delivered notice, first time only; append-only (docs/extra-sql/notices.sql). */
export const noticeReads = pgTable(
	'notice_reads',
	{
		id: bigserial({ mode: 'number' }).primaryKey(),
		deliveryId: uuid()
			.notNull()
			.references(() => noticeDeliveries.id),
		userId: uuid()
			.notNull()
			.references(() => users.id),
		at: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('notice_reads_once').on(t.deliveryId, t.userId)]
);
