/**
 * What the review pages read: the staff board of applications by whose move it is, one
 * application's comments and timeline, and one sheet with its pins and its other revisions. Every
 * read goes through loadApplication (access.ts), so who may not see the application gets 404.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { error } from '@sveltejs/kit';
import type { Actor } from '../auth/actor.ts';
import { inActorEstates, requireStaff } from '../auth/guards.ts';
import { db } from '../db/client.ts';
import { buildings, estates, renovationApplications, renovationDocuments, units, users } from '../db/schema/index.ts';
import { listEventsWithActors } from '../events/service.ts';
import { departmentCapacities, loadApplication } from './access.ts';
import { applicationComments, applicationDocuments, drawingSheet } from './queries.ts';
import { renovationBills } from './fees.ts';
import { siteRecord } from './site-queries.ts';
import { permitSigners } from './signatures.ts';
import { finishedRenovationStates, renovationMachine, stepHolders, type RenovationCapacity, type RenovationState } from './machine.ts';

/** The back office's applications in the actor's estates, open ones first, each marked when it waits for the actor's department. */
export async function renovationBoard(actor: Actor) {
	requireStaff(actor, 'renovations.read');
	const mine = new Set<RenovationCapacity>(departmentCapacities(actor));
	const rows = await db()
		.select({
			id: renovationApplications.id,
			seq: renovationApplications.seq,
			state: renovationApplications.state,
			unitNumber: units.number,
			buildingName: buildings.name,
			timeZone: estates.timeZone,
			submittedAt: renovationApplications.submittedAt,
			updatedAt: renovationApplications.updatedAt,
			drawingRevision: renovationApplications.drawingRevision
		})
		.from(renovationApplications)
		.innerJoin(units, eq(units.id, renovationApplications.unitId))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(estates, eq(estates.id, renovationApplications.estateId))
		.where(inActorEstates(actor, renovationApplications.estateId))
		.orderBy(desc(renovationApplications.updatedAt))
		.limit(500);
	const waitsForMe = (state: RenovationState) => stepHolders[state].some((holder) => mine.has(holder));
	const open = rows.filter((r) => r.state !== 'draft' && !finishedRenovationStates.includes(r.state));
	return {
		mine: open.filter((r) => waitsForMe(r.state)),
		// Works under way have their own list (for the daily inspections).
		others: open.filter((r) => !waitsForMe(r.state) && r.state !== 'in_works'),
		inWorks: open.filter((r) => r.state === 'in_works'),
		finished: rows.filter((r) => finishedRenovationStates.includes(r.state)).slice(0, 50)
	};
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
		/** The departments the staff member acts for here (it signs and inspects in their names). */
		departments: permitSigners.filter((d) => capacities.has(d)),
		holders: stepHolders[application.state],
		actions: renovationMachine.open(application.state, capacities)
	};
}
