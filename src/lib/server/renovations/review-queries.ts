/**
 * What the review pages read: the staff board of applications by whose move it is, one
 * application's comments and timeline, and one sheet with its pins and its other revisions. Every
 * read goes through loadApplication (access.ts), so who may not see the application gets 404.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { estateTodays } from '../property/occupancy.ts';
import { alias } from 'drizzle-orm/pg-core';
import { error } from '@sveltejs/kit';
import type { Actor } from '../auth/actor.ts';
import { inActorEstates, requireStaff } from '../auth/guards.ts';
import { db } from '../db/client.ts';
import { isUuid } from '../kernel/ids.ts';
import {
	buildings,
	estates,
	renovationApplications,
	renovationDocuments,
	renovationInspections,
	renovationPermits,
	units,
	users
} from '../db/schema/index.ts';
import { listEventsWithActors } from '../events/service.ts';
import { departmentCapacities, loadApplication } from './access.ts';
import { applicationComments, applicationDocuments, drawingSheet } from './queries.ts';
import { renovationBills } from './fees.ts';
import { siteRecord } from './site-queries.ts';
import { stepDues } from './deadlines.ts';
import { permitSigners, type PermitSigner } from './signatures.ts';
import { finishedRenovationStates, renovationMachine, stepHolders, type RenovationCapacity, type RenovationState } from './machine.ts';

/**
 * The back office's applications in the actor's estates: those waiting for the actor's department
 * (with the day each is due, from the review time limits), those overdue whoever has them, the
 * works under way (for the daily inspections: whether the actor's departments have inspected
 * each today), the others, and the latest finished ones.
 */
export async function renovationBoard(actor: Actor, now = new Date(), { estateId = '' }: { estateId?: string } = {}) {
	requireStaff(actor, 'renovations.read');
	const waiting = statesWaitingFor(actor);
	const rows = await db()
		.select({
			id: renovationApplications.id,
			seq: renovationApplications.seq,
			state: renovationApplications.state,
			unitNumber: units.number,
			buildingName: buildings.name,
			timeZone: estates.timeZone,
			submittedAt: renovationApplications.submittedAt,
			stepSince: renovationApplications.stepSince,
			updatedAt: renovationApplications.updatedAt,
			drawingRevision: renovationApplications.drawingRevision
		})
		.from(renovationApplications)
		.innerJoin(units, eq(units.id, renovationApplications.unitId))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(estates, eq(estates.id, renovationApplications.estateId))
		.where(
			and(
				inActorEstates(actor, renovationApplications.estateId),
				// One estate of the actor's (the dashboard's figure links here with it); anything else is ignored.
				isUuid(estateId) ? eq(renovationApplications.estateId, estateId) : undefined
			)
		)
		.orderBy(desc(renovationApplications.updatedAt))
		.limit(500);
	const waitsForMe = (state: RenovationState) => waiting.includes(state);
	const dues = await stepDues(db(), rows, now);
	const all = rows.map((r) => ({ ...r, due: dues.get(r.id) ?? null }));
	const open = all.filter((r) => r.state !== 'draft' && !finishedRenovationStates.includes(r.state));
	const inWorks = open.filter((r) => r.state === 'in_works');
	const inspected = await inspectedToday(
		inWorks.map((r) => r.id),
		now
	);
	return {
		mine: open.filter((r) => waitsForMe(r.state)),
		overdue: open.filter((r) => r.due?.overdue),
		// Works under way have their own list (for the daily inspections).
		inWorks: inWorks.map((r) => ({ ...r, inspectedBy: inspected.get(r.id) ?? [] })),
		others: open.filter((r) => !waitsForMe(r.state) && r.state !== 'in_works'),
		finished: all.filter((r) => finishedRenovationStates.includes(r.state)).slice(0, 50)
	};
}

/** The steps whose move is one of the actor's departments' (the machine's stepHolders): "waiting for me". */
function statesWaitingFor(actor: Actor): RenovationState[] {
	const mine = new Set<RenovationCapacity>(departmentCapacities(actor));
	return (Object.keys(stepHolders) as RenovationState[]).filter((state) => stepHolders[state].some((holder) => mine.has(holder)));
}

/**
 * A glance at the applications of the actor's estates waiting for its departments, for the staff
 * home: how many, how many past their step's day, and the few due first (the board's "waiting for
 * me" list, read narrowly: one statement for the rows, then the time limits and calendars).
 */
export async function renovationGlance(actor: Actor, { limit = 5, now = new Date(), executor = db() } = {}) {
	requireStaff(actor, 'renovations.read');
	const waiting = statesWaitingFor(actor).filter((state) => state !== 'draft' && !finishedRenovationStates.includes(state));
	if (waiting.length === 0) return { count: 0, overdue: 0, rows: [] };
	const rows = await executor
		.select({
			id: renovationApplications.id,
			seq: renovationApplications.seq,
			state: renovationApplications.state,
			stepSince: renovationApplications.stepSince,
			unitNumber: units.number,
			buildingName: buildings.name,
			timeZone: estates.timeZone
		})
		.from(renovationApplications)
		.innerJoin(units, eq(units.id, renovationApplications.unitId))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(estates, eq(estates.id, renovationApplications.estateId))
		.where(and(inActorEstates(actor, renovationApplications.estateId), inArray(renovationApplications.state, waiting)))
		.orderBy(asc(renovationApplications.stepSince), asc(renovationApplications.id))
		.limit(500);
	const dues = await stepDues(executor, rows, now);
	const all = rows.map((row) => ({ ...row, due: dues.get(row.id) ?? null }));
	// Overdue first, then by the day due (those without a limit last), then the longest waiting.
	const urgency = (row: (typeof all)[number]) => (row.due ? `${row.due.overdue ? 0 : 1}${row.due.day}` : '2');
	const sorted = [...all].sort((a, b) => urgency(a).localeCompare(urgency(b)));
	return { count: all.length, overdue: all.filter((row) => row.due?.overdue).length, rows: sorted.slice(0, limit) };
}

/** Which departments have logged a daily inspection of each application on its estate's today. */
async function inspectedToday(applicationIds: readonly string[], now: Date): Promise<Map<string, PermitSigner[]>> {
	const found = new Map<string, PermitSigner[]>();
	if (applicationIds.length === 0) return found;
	const todays = await estateTodays(db(), now);
	const rows = await db()
		.select({
			applicationId: renovationInspections.applicationId,
			department: renovationInspections.department,
			inspectedOn: renovationInspections.inspectedOn,
			estateId: renovationApplications.estateId
		})
		.from(renovationInspections)
		.innerJoin(renovationApplications, eq(renovationApplications.id, renovationInspections.applicationId))
		.where(
			and(
				inArray(renovationInspections.applicationId, [...applicationIds]),
				eq(renovationInspections.kind, 'daily'),
				inArray(renovationInspections.inspectedOn, [...new Set(todays.values())])
			)
		);
	for (const row of rows) {
		if (!row.department || row.inspectedOn !== todays.get(row.estateId)) continue;
		found.set(row.applicationId, [...(found.get(row.applicationId) ?? []), row.department]);
	}
	return found;
}

/**
 * The renovation applications of a unit, every occupancy's, newest first, with their permits' numbers:
 * the unit's records keep them after the works are done (staff who read applications, in the unit's
 * estate; another estate's unit lists none).
 */
export async function unitRenovations(actor: Actor, unitId: string) {
	requireStaff(actor, 'renovations.read');
	const rows = await db()
		.select({
			id: renovationApplications.id,
			seq: renovationApplications.seq,
			state: renovationApplications.state,
			submittedAt: renovationApplications.submittedAt,
			timeZone: estates.timeZone
		})
		.from(renovationApplications)
		.innerJoin(estates, eq(estates.id, renovationApplications.estateId))
		.where(and(eq(renovationApplications.unitId, unitId), inActorEstates(actor, renovationApplications.estateId)))
		.orderBy(desc(renovationApplications.seq));
	const permits = rows.length
		? await db()
				.select({ applicationId: renovationPermits.applicationId, seq: renovationPermits.seq })
				.from(renovationPermits)
				.where(
					inArray(
						renovationPermits.applicationId,
						rows.map((r) => r.id)
					)
				)
		: [];
	return rows.map((r) => ({ ...r, permits: permits.filter((p) => p.applicationId === r.id).map((p) => p.seq) }));
}

/**
 * One sheet as its review page shows it: the sheet, the same sheet number in every revision (to
 * compare), the comments pinned on that sheet number in any revision, and the actions open to
 * the actor. 404 for a sheet of another application, or an application the actor may not see.
 */
export async function sheetPage(actor: Actor, applicationId: string, documentId: string) {
	const { application, capacities } = await loadApplication(db(), actor, applicationId);
	const sheet = await drawingSheet(db(), application.id, documentId);
	if (!sheet) error(404, 'Not found');
	const revisions = await db()
		.select({ id: renovationDocuments.id, revision: renovationDocuments.revision, hasPreview: renovationDocuments.previewFileId })
		.from(renovationDocuments)
		.where(
			and(
				eq(renovationDocuments.applicationId, application.id),
				eq(renovationDocuments.kind, 'drawing'),
				eq(renovationDocuments.sheet, sheet.sheet!)
			)
		)
		.orderBy(asc(renovationDocuments.revision));
	const sheets = await db()
		.select({ id: renovationDocuments.id, sheet: renovationDocuments.sheet })
		.from(renovationDocuments)
		.where(
			and(
				eq(renovationDocuments.applicationId, application.id),
				eq(renovationDocuments.kind, 'drawing'),
				eq(renovationDocuments.revision, sheet.revision!)
			)
		)
		.orderBy(asc(renovationDocuments.sheet));
	const number = sheet.sheet;
	const comments = (await applicationComments(application.id)).filter((c) => c.sheet === number);
	return {
		application,
		sheet: {
			id: sheet.id,
			number: sheet.sheet!,
			revision: sheet.revision!,
			name: sheet.name,
			reviewCode: sheet.reviewCode,
			hasPreview: sheet.previewFileId !== null
		},
		revisions: revisions.map((r) => ({ id: r.id, revision: r.revision!, hasPreview: r.hasPreview !== null })),
		sheets: sheets.map((s) => ({ id: s.id, sheet: s.sheet! })),
		comments,
		actions: renovationMachine.open(application.state, capacities)
	};
}

const contractorUser = alias(users, 'contractor_user');

/** One application as the back office's page shows it; 404 outside the actor's estates. */
export async function staffRenovationPage(actor: Actor, applicationId: string) {
	requireStaff(actor, 'renovations.read');
	const { application, capacities } = await loadApplication(db(), actor, applicationId);
	const [people] = await db()
		.select({
			applicant: users.name,
			applicantEmail: users.email,
			contractor: contractorUser.name,
			unitNumber: units.number,
			buildingName: buildings.name,
			timeZone: estates.timeZone
		})
		.from(renovationApplications)
		.innerJoin(users, eq(users.id, renovationApplications.applicantId))
		.leftJoin(contractorUser, eq(contractorUser.id, renovationApplications.contractorUserId))
		.innerJoin(units, eq(units.id, renovationApplications.unitId))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(estates, eq(estates.id, renovationApplications.estateId))
		.where(eq(renovationApplications.id, application.id));
	const [documents, comments, timeline, fees] = await Promise.all([
		applicationDocuments(application.id),
		applicationComments(application.id),
		listEventsWithActors('renovation', application.id),
		renovationBills(db(), application.id)
	]);
	return {
		application,
		people: people!,
		documents,
		comments,
		timeline,
		fees,
		site: await siteRecord(application, people!.timeZone),
		due: (await stepDues(db(), [{ ...application, timeZone: people!.timeZone }])).get(application.id) ?? null,
		/** The departments the staff member acts for here (it signs and inspects in their names). */
		departments: permitSigners.filter((d) => capacities.has(d)),
		holders: stepHolders[application.state],
		actions: renovationMachine.open(application.state, capacities)
	};
}
