import { sql } from 'drizzle-orm';
import {
	bigserial,
	check,
	date,
	index,
	integer,
	numeric,
	doublePrecision,
	pgEnum,
	pgTable,
	smallint,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { estates, occupancies, units } from './property.ts';
import { files } from './files.ts';
import { refunds } from './fees.ts';
import { renovationWorks } from '#lib/renovation-works.ts';
import { renovationDocumentKinds } from '#lib/renovation-documents.ts';

/** The steps of a renovation application (二次裝修); the transitions live in renovations/machine.ts. */
export const renovationState = pgEnum('renovation_state', [
	'draft',
	'submitted',
	'engineering_review',
	'revising',
	'fire_review',
	'fees',
	'commitments',
	'permit_signing',
	'in_works',
	'suspended',
	'completion',
	'rectifying',
	'acceptance',
	'closed',
	'rejected',
	'withdrawn'
]);

/** What the works touch: what engineering and security review them for (walls and facade: structure; hot work: fire). */
export const renovationWork = pgEnum('renovation_work', renovationWorks);

/**
 * A renovation application: the resident party of one occupancy applies for its unit (a person,
 * or a member for its company); it belongs to that occupancy — the landlord of a let unit and a
 * later occupant do not see it. The contractor it names is invited by email and, once it has
 * joined, acts on the application (contractorUserId). Every change of `state` is written with an
 * event in one transaction.
 */
export const renovationApplications = pgTable(
	'renovation_applications',
	{
		id: uuid().primaryKey().defaultRandom(),
		/** The reference everyone reads (Z000042), from a sequence so it never repeats. */
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
		applicantId: uuid()
			.notNull()
			.references(() => users.id),
		state: renovationState().notNull().default('draft'),
		plannedStart: date(),
		plannedEnd: date(),
		scope: text().notNull().default(''),
		/** The area the works cover; over 200 m² the city fire authority's approval is needed too. */
		areaM2: numeric({ precision: 10, scale: 2 }),
		works: renovationWork()
			.array()
			.notNull()
			.default(sql`'{}'`),
		contractorCompany: text().notNull().default(''),
		contractorLicence: text().notNull().default(''),
		/** 資質等級: 1 is the highest grade; 2 or better is required (checked when saved). */
		contractorGrade: smallint(),
		contractorEmail: text().notNull().default(''),
		contractorPhone: text().notNull().default(''),
		/** The contractor's account once it accepted the invitation. */
		contractorUserId: uuid().references(() => users.id),
		submittedAt: timestamp({ withTimezone: true }),
		/** When the application came to its current step: its due date counts from here (deadlines.ts). */
		stepSince: timestamp({ withTimezone: true }).notNull().defaultNow(),
		/** The revision of the drawings being prepared or reviewed: 1 at first, one more each time they are returned. */
		drawingRevision: integer().notNull().default(1),
		/** The deposit's refund, requested by the manager's acceptance (minus unpaid fines and damages). */
		depositRefundId: uuid().references(() => refunds.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('renovation_applications_seq').on(t.seq),
		index('renovation_applications_occupancy').on(t.occupancyId),
		index('renovation_applications_estate_state').on(t.estateId, t.state),
		index('renovation_applications_contractor').on(t.contractorUserId),
		check('renovation_applications_grade', sql`${t.contractorGrade} is null or ${t.contractorGrade} between 1 and 3`),
		check(
			'renovation_applications_dates',
			sql`${t.plannedEnd} is null or ${t.plannedStart} is null or ${t.plannedEnd} >= ${t.plannedStart}`
		),
		check('renovation_applications_area', sql`${t.areaM2} is null or ${t.areaM2} > 0`)
	]
);

/** The papers of rule 5a, and the later ones (the fire authority's receipt, the insurance policy). */
export const renovationDocumentKind = pgEnum('renovation_document_kind', renovationDocumentKinds);

/** A reviewer's code for one sheet of a revision (as construction submittals use them). */
export const sheetReviewCode = pgEnum('sheet_review_code', ['approved', 'approved_as_noted', 'revise_and_resubmit', 'rejected']);

/**
 * A document of an application. Drawings come in revisions: each upload of a drawing file belongs
 * to the revision being prepared, one row per sheet (a page of a PDF, or an image), and every
 * revision is kept; engineering codes each sheet of the revision under review.
 */
export const renovationDocuments = pgTable(
	'renovation_documents',
	{
		id: uuid().primaryKey().defaultRandom(),
		applicationId: uuid()
			.notNull()
			.references(() => renovationApplications.id),
		kind: renovationDocumentKind().notNull(),
		fileId: uuid()
			.notNull()
			.references(() => files.id),
		/** The file's name as uploaded, for people (the stored key is random). */
		name: text().notNull(),
		/** Drawings only: the revision (1, 2, …) and the sheet's number and page in the file. */
		revision: integer(),
		sheet: integer(),
		page: integer(),
		/** Drawings shown in the browser (a PDF page or an image): the sheet drawn as a PNG, large and small. */
		previewFileId: uuid().references(() => files.id),
		thumbFileId: uuid().references(() => files.id),
		reviewCode: sheetReviewCode(),
		codedBy: uuid().references(() => users.id),
		codedAt: timestamp({ withTimezone: true }),
		uploadedBy: uuid()
			.notNull()
			.references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('renovation_documents_application').on(t.applicationId, t.kind, t.revision),
		uniqueIndex('renovation_documents_sheet')
			.on(t.applicationId, t.revision, t.sheet)
			.where(sql`${t.kind} = 'drawing'`),
		check(
			'renovation_documents_drawing',
			sql`(${t.kind} = 'drawing') = (${t.revision} is not null and ${t.sheet} is not null and ${t.page} is not null)`
		)
	]
);

export const renovationCommentStatus = pgEnum('renovation_comment_status', ['open', 'answered', 'closed']);

/**
 * A reviewer's comment pinned on a spot of a drawing sheet (x and y as fractions of the sheet's
 * width and height, so the pin sits on the same spot at any size). Numbered per application; it
 * belongs to the sheet number, not to one file, so it is carried to every later revision of that
 * sheet until the reviewer closes it. The applicant side answers it; the reviewer closes it.
 */
export const renovationComments = pgTable(
	'renovation_comments',
	{
		id: uuid().primaryKey().defaultRandom(),
		applicationId: uuid()
			.notNull()
			.references(() => renovationApplications.id),
		number: integer().notNull(),
		/** Where it was pinned: the sheet's number and the revision the reviewer was looking at. */
		sheet: integer().notNull(),
		revision: integer().notNull(),
		x: doublePrecision().notNull(),
		y: doublePrecision().notNull(),
		body: text().notNull(),
		authorId: uuid()
			.notNull()
			.references(() => users.id),
		status: renovationCommentStatus().notNull().default('open'),
		answer: text(),
		answeredBy: uuid().references(() => users.id),
		answeredAt: timestamp({ withTimezone: true }),
		closedBy: uuid().references(() => users.id),
		closedAt: timestamp({ withTimezone: true }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('renovation_comments_number').on(t.applicationId, t.number),
		check('renovation_comments_spot', sql`${t.x} between 0 and 1 and ${t.y} between 0 and 1`)
	]
);

/**
 * The renovation dictionary's review time limits: how many working days (on the office calendar)
 * a step may wait for the department that has it before it is overdue and reminded. A step
 * without a row has no limit.
 */
export const renovationStepLimits = pgTable(
	'renovation_step_limits',
	{
		state: renovationState().primaryKey(),
		workingDays: integer().notNull(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedBy: uuid().references(() => users.id)
	},
	(t) => [check('renovation_step_limits_days', sql`${t.workingDays} between 1 and 60`)]
);
