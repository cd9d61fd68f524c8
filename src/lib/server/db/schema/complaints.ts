import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, users } from './accounts.ts';
import { buildings, estates, occupancies, units } from './property.ts';
import { phoneKeySql } from '../../kernel/phone-key-sql.ts';
import { files } from './files.ts';

/**
 * Complaint kinds (投訴類別): dictionary data an admin edits (rule 12). A kind in use is
 * deactivated, never deleted.
 */
export const complaintKinds = pgTable('complaint_kinds', {
	id: uuid().primaryKey().defaultRandom(),
	code: text().notNull().unique(),
	nameEn: text().notNull(),
	nameZhHans: text().notNull(),
	nameZhHant: text().notNull(),
	active: boolean().notNull().default(true),
	sort: integer().notNull().default(0),
	createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
});

/** The states of a complaint; the transitions between them live in complaints/machine.ts. */
export const complaintState = pgEnum('complaint_state', ['received', 'assigned', 'resolved', 'closed']);
export const complaintChannel = pgEnum('complaint_channel', ['portal', 'widget', 'phone', 'counter']);
export const complaintSeverity = pgEnum('complaint_severity', ['normal', 'serious']);
/** The department a complaint is passed to (rule 4: the responsible department, with a deadline). */
export const complaintDepartment = pgEnum('complaint_department', ['customer_service', 'engineering', 'security', 'finance', 'management']);
export const complaintCallbackMode = pgEnum('complaint_callback_mode', ['phone', 'in_person']);

/**
 * A complaint (投訴) from its registration to the complainant's satisfaction. Every change of
 * `state` is written with an event row in one transaction (complaints/transition.ts); the
 * columns are the facts queues, deadlines and statistics read without replaying events. A
 * complaint is never deleted — a malicious one included (a trigger refuses DELETE).
 */
export const complaints = pgTable(
	'complaints',
	{
		id: uuid().primaryKey().defaultRandom(),
		/** Human reference (C000123) from a sequence so it never repeats. */
		seq: bigserial({ mode: 'number' }).notNull(),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		/** The unit complained from; null for a common area, or a public visitor not yet matched to a unit. */
		unitId: uuid().references(() => units.id),
		buildingId: uuid().references(() => buildings.id),
		/** Where, in words: "lift lobby 3/F", or the room a public visitor typed. */
		locationDetail: text().notNull().default(''),
		kindId: uuid()
			.notNull()
			.references(() => complaintKinds.id),
		severity: complaintSeverity().notNull().default('normal'),
		channel: complaintChannel().notNull(),
		state: complaintState().notNull().default('received'),
		content: text().notNull(),
		complainantName: text().notNull(),
		companyName: text().notNull().default(''),
		phone: text().notNull().default(''),
		email: text().notNull().default(''),
		/** The language mail to a complainant without an account is written in (the one they filed in). */
		locale: text().notNull().default('en'),
		/** False while a complaint from the public widget waits for staff to match it to a unit. */
		verified: boolean().notNull().default(true),
		/** The resident account that filed it, or for whom staff entered it. */
		requesterId: uuid().references(() => users.id),
		/** The occupancy it belongs to (privacy inside a unit), null when nobody in the unit filed it. */
		occupancyId: uuid().references(() => occupancies.id),
		createdBy: uuid().references(() => users.id),
		/** 首問: the staff member who owns the complaint until a recorded hand-over. */
		ownerId: uuid().references(() => users.id),
		/** The time the complainant was promised a reply by; the desk must set it when it takes the complaint. */
		promisedReplyBy: timestamp({ withTimezone: true }),
		/** When the current promise was made: a reply after it keeps it. */
		promiseSetAt: timestamp({ withTimezone: true }),
		/** The last reply the complainant was given (a reply or the result). */
		repliedAt: timestamp({ withTimezone: true }),
		/** When the owner and the manager were told the promise was missed (once per promise). */
		promiseMissedAt: timestamp({ withTimezone: true }),
		department: complaintDepartment(),
		departmentDueAt: timestamp({ withTimezone: true }),
		/** The person the manager (serious) or the desk made responsible for the fix. */
		responsibleId: uuid().references(() => users.id),
		/** The fix the manager named for a serious complaint. */
		fixPlan: text().notNull().default(''),
		deadlineMissedAt: timestamp({ withTimezone: true }),
		/** Involves an outside party (a utility, the government, a neighbour's contractor): still explained and resolved. */
		outsideParty: boolean().notNull().default(false),
		resolution: text().notNull().default(''),
		resolvedAt: timestamp({ withTimezone: true }),
		resolvedBy: uuid().references(() => users.id),
		/** The resolver signs the result (rule 4). */
		resolverSignedName: text(),
		/** Marked malicious: answered politely on the record, kept like any other. */
		malicious: boolean().notNull().default(false),
		/** The complainant's satisfaction link (stored as a SHA-256 hash), once, until it expires. */
		satisfactionTokenHash: bytea(),
		satisfactionExpiresAt: timestamp({ withTimezone: true }),
		satisfied: boolean(),
		satisfactionComment: text().notNull().default(''),
		satisfactionAt: timestamp({ withTimezone: true }),
		/** The callback (回訪): by phone, or in person with the complainant's signature. */
		callbackAt: timestamp({ withTimezone: true }),
		callbackBy: uuid().references(() => users.id),
		callbackMode: complaintCallbackMode(),
		callbackSatisfied: boolean(),
		callbackNote: text().notNull().default(''),
		callbackSignedName: text(),
		callbackSignatureFileId: uuid().references(() => files.id),
		closedAt: timestamp({ withTimezone: true }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('complaints_seq').on(t.seq),
		// The desk's "unverified" filter: widget complaints waiting to be matched to a unit.
		index('complaints_unverified')
			.on(t.estateId, t.createdAt)
			.where(sql`not ${t.verified}`),
		uniqueIndex('complaints_satisfaction_token').on(t.satisfactionTokenHash),
		index('complaints_estate_state_created').on(t.estateId, t.state, t.createdAt, t.id),
		index('complaints_estate_created').on(t.estateId, t.createdAt, t.id),
		index('complaints_owner_state').on(t.ownerId, t.state),
		index('complaints_responsible_state').on(t.responsibleId, t.state),
		index('complaints_occupancy_created').on(t.occupancyId, t.createdAt),
		index('complaints_unit_created').on(t.unitId, t.createdAt),
		// The callback board: resolved complaints of a month, and those still to call.
		index('complaints_estate_resolved').on(t.estateId, t.resolvedAt),
		// The front desk finds an open complaint by the complainant's phone (frontdesk/complaints.ts).
		index('complaints_open_phone_key')
			.on(phoneKeySql(t.phone))
			.where(sql`${t.state} in ('received', 'assigned')`),
		check('complaints_in_person_signed', sql`${t.callbackMode} is distinct from 'in_person' or ${t.callbackSignatureFileId} is not null`),
		check('complaints_resolved_signed', sql`${t.resolvedAt} is null or ${t.resolverSignedName} is not null`)
	]
);
