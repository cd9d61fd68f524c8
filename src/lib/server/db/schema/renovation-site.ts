/**
 * What an application holds once its drawings and fees are through (rule 5 e–i): the signatures
 * on the commitments and on the permit, the construction permits, worker passes and hot-work
 * permits issued against them, the inspections during and at the end of the works, and the
 * violations with their fines. Rows are written by the machine's actions (renovations/*.ts) in
 * the transaction that writes the action's event; none is edited afterwards except a permit's
 * revocation and a requested inspection's result.
 */
import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { files } from './files.ts';
import { bills } from './fees.ts';
import { renovationApplications } from './renovations.ts';

/** What is signed: the two commitments (resident and contractor) and the permit (the three departments). */
export const renovationPaper = pgEnum('renovation_paper', ['renovation_commitment', 'fire_safety_commitment', 'permit']);

/** In whose name a signature is given (the capacities of renovations/machine.ts that sign). */
export const renovationSigner = pgEnum('renovation_signer', ['applicant', 'contractor', 'desk', 'engineering', 'security']);

/** A signature: the person, the name they typed as their signature, and when. One per paper and signer. */
export const renovationSignatures = pgTable(
	'renovation_signatures',
	{
		id: uuid().primaryKey().defaultRandom(),
		applicationId: uuid()
			.notNull()
			.references(() => renovationApplications.id),
		paper: renovationPaper().notNull(),
		signer: renovationSigner().notNull(),
		userId: uuid()
			.notNull()
			.references(() => users.id),
		signedName: text().notNull(),
		signedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('renovation_signatures_once').on(t.applicationId, t.paper, t.signer)]
);

/**
 * A construction permit (施工許可證): issued on the third department's signature, valid over the
 * planned dates. The code is what its QR code carries to /verify/<code>. A revoked permit stays
 * revoked; reinstating the works issues a new permit.
 */
export const renovationPermits = pgTable(
	'renovation_permits',
	{
		id: uuid().primaryKey().defaultRandom(),
		/** The number printed on it (P000042), from a sequence. */
		seq: bigserial({ mode: 'number' }).notNull(),
		applicationId: uuid()
			.notNull()
			.references(() => renovationApplications.id),
		code: text().notNull(),
		validFrom: date().notNull(),
		validTo: date().notNull(),
		issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		revokedAt: timestamp({ withTimezone: true }),
		revokedBy: uuid().references(() => users.id),
		revokeReason: text()
	},
	(t) => [
		uniqueIndex('renovation_permits_seq').on(t.seq),
		uniqueIndex('renovation_permits_code').on(t.code),
		uniqueIndex('renovation_permits_one_valid')
			.on(t.applicationId)
			.where(sql`${t.revokedAt} is null`),
		check('renovation_permits_dates', sql`${t.validTo} >= ${t.validFrom}`)
	]
);

/** A worker pass (出入證) against a permit: who, their photo, the last four digits of their ID, its QR code. */
export const renovationWorkerPasses = pgTable(
	'renovation_worker_passes',
	{
		id: uuid().primaryKey().defaultRandom(),
		seq: bigserial({ mode: 'number' }).notNull(),
		applicationId: uuid()
			.notNull()
			.references(() => renovationApplications.id),
		permitId: uuid()
			.notNull()
			.references(() => renovationPermits.id),
		name: text().notNull(),
		idLast4: text().notNull(),
		photoFileId: uuid()
			.notNull()
			.references(() => files.id),
		code: text().notNull(),
		/** The pass fee's bill (renovation_worker_pass), when the schedule has one. */
		billId: uuid().references(() => bills.id),
		issuedBy: uuid()
			.notNull()
			.references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('renovation_worker_passes_code').on(t.code),
		index('renovation_worker_passes_application').on(t.applicationId),
		check('renovation_worker_passes_id', sql`${t.idLast4} ~ '^[0-9A-Za-z]{4}$'`)
	]
);

/** A hot-work permit (動火證) for one day: where, and who keeps the fire watch. */
export const renovationHotWorkPermits = pgTable(
	'renovation_hot_work_permits',
	{
		id: uuid().primaryKey().defaultRandom(),
		seq: bigserial({ mode: 'number' }).notNull(),
		applicationId: uuid()
			.notNull()
			.references(() => renovationApplications.id),
		permitId: uuid()
			.notNull()
			.references(() => renovationPermits.id),
		workDate: date().notNull(),
		location: text().notNull(),
		fireWatch: text().notNull(),
		issuedBy: uuid()
			.notNull()
			.references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('renovation_hot_work_permits_application').on(t.applicationId, t.workDate)]
);

export const renovationInspectionKind = pgEnum('renovation_inspection_kind', ['daily', 'hidden_works', 'completion']);
export const renovationInspectionOutcome = pgEnum('renovation_inspection_outcome', ['ok', 'issues', 'passed', 'defects']);
export const renovationDepartment = pgEnum('renovation_department', ['desk', 'engineering', 'security']);

/**
 * An inspection: a department's daily round, a hidden-works inspection (requested by the applicant
 * side first: the row waits with no outcome), or the completion inspection and each re-inspection.
 */
export const renovationInspections = pgTable(
	'renovation_inspections',
	{
		id: uuid().primaryKey().defaultRandom(),
		applicationId: uuid()
			.notNull()
			.references(() => renovationApplications.id),
		kind: renovationInspectionKind().notNull(),
		/** Hidden works: what is to be covered, and the day asked for. */
		requestedBy: uuid().references(() => users.id),
		requestedWhat: text(),
		requestedOn: date(),
		department: renovationDepartment(),
		inspectorId: uuid().references(() => users.id),
		/** The estate's date of the inspection. */
		inspectedOn: date(),
		outcome: renovationInspectionOutcome(),
		findings: text().notNull().default(''),
		photoFileIds: uuid()
			.array()
			.notNull()
			.default(sql`'{}'`),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		inspectedAt: timestamp({ withTimezone: true })
	},
	(t) => [
		index('renovation_inspections_application').on(t.applicationId, t.kind),
		index('renovation_inspections_day').on(t.inspectedOn),
		check('renovation_inspections_done', sql`(${t.outcome} is null) = (${t.inspectorId} is null)`)
	]
);

/** A violation found on site, with the fine (a bill to the application's occupancy; 0: a warning). */
export const renovationViolations = pgTable(
	'renovation_violations',
	{
		id: uuid().primaryKey().defaultRandom(),
		applicationId: uuid()
			.notNull()
			.references(() => renovationApplications.id),
		department: renovationDepartment().notNull(),
		description: text().notNull(),
		fineMinor: integer().notNull().default(0),
		billId: uuid().references(() => bills.id),
		recordedBy: uuid()
			.notNull()
			.references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('renovation_violations_application').on(t.applicationId),
		check('renovation_violations_fine', sql`${t.fineMinor} >= 0 and (${t.fineMinor} = 0) = (${t.billId} is null)`)
	]
);
