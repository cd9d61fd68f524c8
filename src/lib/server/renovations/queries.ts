/**
 * What the applicant side reads: its applications, and one application as its page shows it —
 * the form, the step and whose move it is, what is still missing, and the actions open to this
 * actor now (the machine decides; the page only shows them).
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { requireResidentOrContractor } from '../auth/guards.ts';
import { error } from '@sveltejs/kit';
import { db, type Executor } from '../db/client.ts';
import { isUuid } from '../kernel/ids.ts';
import { extensionOf, type FileRow } from '../files/service.ts';
import { renovationReference } from '#lib/references.ts';
import { estates, files, renovationApplications, renovationComments, renovationDocuments, units, users } from '../db/schema/index.ts';
import { listEventsWithActors } from '../events/service.ts';
import { renovationEventKinds, type RenovationEventKind } from './event-kinds.ts';
import { renovationBills } from './fees.ts';
import { alias } from 'drizzle-orm/pg-core';
import { actorOccupancies } from '../property/occupancy.ts';
import { loadApplication } from './access.ts';
import { checklist } from './checklist.ts';
import { siteRecord } from './site-queries.ts';
import { stepDues } from './deadlines.ts';
import { renovationMachine, stepHolders } from './machine.ts';

/** The applications of the occupancies the resident holds today (and, for a contractor, those it joined), newest first. */
export async function myRenovations(actor: Actor) {
	requireResidentOrContractor(actor);
	const columns = {
		id: renovationApplications.id,
		seq: renovationApplications.seq,
		state: renovationApplications.state,
		unitNumber: units.number,
		updatedAt: renovationApplications.updatedAt
	};
	const held = actor.kind === 'resident' ? (await actorOccupancies(db(), actor)).map((o) => o.id) : [];
	const mine =
		actor.kind === 'contractor'
			? eq(renovationApplications.contractorUserId, actor.userId)
			: held.length
				? inArray(renovationApplications.occupancyId, held)
				: undefined;
	if (!mine) return [];
	return db()
		.select(columns)
		.from(renovationApplications)
		.innerJoin(units, eq(units.id, renovationApplications.unitId))
		.where(mine)
		.orderBy(desc(renovationApplications.updatedAt), desc(renovationApplications.id))
		.limit(100);
}

/** One application as the applicant's or the contractor's page shows it; 404 for anyone else (staff: 403, they have their own pages). */
export async function renovationPage(actor: Actor, applicationId: string) {
	requireResidentOrContractor(actor);
	const { application, capacities } = await loadApplication(db(), actor, applicationId);
	const [documents, comments, fees] = await Promise.all([
		applicationDocuments(application.id),
		applicationComments(application.id),
		renovationBills(db(), application.id)
	]);
	const [unit] = await db()
		.select({ number: units.number, timeZone: estates.timeZone })
		.from(units)
		.innerJoin(estates, eq(estates.id, units.estateId))
		.where(eq(units.id, application.unitId));
	// The history the applicant side reads: staff entries are signed by the office, not a name.
	const timeline = (await listEventsWithActors('renovation', application.id))
		.filter((e) => renovationEventKinds[e.kind as RenovationEventKind] === 'all')
		.map((e) => ({
			id: e.id,
			at: e.at,
			kind: e.kind as RenovationEventKind,
			who: e.actorKind === 'staff' ? null : e.actorName,
			note: e.note
		}));
	const site = await siteRecord(application, unit!.timeZone);
	const [contractor] = application.contractorUserId
		? await db().select({ name: users.name }).from(users).where(eq(users.id, application.contractorUserId))
		: [];
	return {
		application,
		unitNumber: unit!.number,
		timeZone: unit!.timeZone,
		timeline,
		contractorName: contractor?.name ?? null,
		holders: stepHolders[application.state],
		checklist: checklist(application, documents),
		documents,
		comments,
		fees,
		site,
		due: (await stepDues(db(), [{ ...application, timeZone: unit!.timeZone }])).get(application.id) ?? null,
		/** In whose name this reader signs the commitments. */
		signer: capacities.has('contractor') ? ('contractor' as const) : ('applicant' as const),
		actions: renovationMachine.open(application.state, capacities)
	};
}

/** The documents of an application in the order people read them: by kind, then drawings by revision and sheet. */
export function applicationDocuments(applicationId: string, executor: Executor = db()) {
	return executor
		.select({
			id: renovationDocuments.id,
			kind: renovationDocuments.kind,
			name: renovationDocuments.name,
			revision: renovationDocuments.revision,
			sheet: renovationDocuments.sheet,
			page: renovationDocuments.page,
			hasPreview: sql<boolean>`${renovationDocuments.previewFileId} is not null`,
			contentType: files.contentType,
			bytes: files.bytes,
			reviewCode: renovationDocuments.reviewCode,
			createdAt: renovationDocuments.createdAt
		})
		.from(renovationDocuments)
		.innerJoin(files, eq(files.id, renovationDocuments.fileId))
		.where(eq(renovationDocuments.applicationId, applicationId))
		.orderBy(
			asc(renovationDocuments.kind),
			asc(renovationDocuments.revision),
			asc(renovationDocuments.sheet),
			asc(renovationDocuments.createdAt)
		);
}

export type DocumentVariant = 'original' | 'preview' | 'thumb';

/**
 * One stored file of a document (the original, or a drawn sheet large or small) for whoever may
 * see its application; 404 for everyone else and for a variant the document does not have.
 */
export async function renovationFileFor(
	actor: Actor,
	documentId: string,
	variant: DocumentVariant
): Promise<{ file: FileRow; filename?: string }> {
	if (!isUuid(documentId)) error(404, 'Not found');
	const [document] = await db().select().from(renovationDocuments).where(eq(renovationDocuments.id, documentId));
	if (!document) return siteFileFor(actor, documentId, variant);
	const { application } = await loadApplication(db(), actor, document.applicationId);
	const fileId = { original: document.fileId, preview: document.previewFileId, thumb: document.thumbFileId }[variant];
	if (!fileId) error(404, 'Not found');
	const [file] = await db().select().from(files).where(eq(files.id, fileId));
	if (!file) error(404, 'Not found');
	if (variant !== 'original') return { file };
	// The uploader's name without its own ending: the bytes decide what the file is.
	const stem = document.name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
	const sheet = document.sheet === null ? '' : `-${document.revision}-${document.sheet}`;
	return { file, filename: `${renovationReference(application.seq)}${sheet}-${stem}.${extensionOf(file.contentType)}` };
}

/**
 * A photo taken on site (an inspection's, a worker pass's): a file whose subject is the
 * application, under its own id; only the original exists.
 */
async function siteFileFor(actor: Actor, fileId: string, variant: DocumentVariant): Promise<{ file: FileRow }> {
	const [file] = await db()
		.select()
		.from(files)
		.where(and(eq(files.id, fileId), eq(files.subjectType, 'renovation')));
	if (!file || variant !== 'original') error(404, 'Not found');
	await loadApplication(db(), actor, file.subjectId);
	return { file };
}

const answeredBy = alias(users, 'answered_by');

/** The comments of an application, numbered, with who wrote and who answered them. */
export async function applicationComments(applicationId: string) {
	return db()
		.select({
			id: renovationComments.id,
			number: renovationComments.number,
			sheet: renovationComments.sheet,
			revision: renovationComments.revision,
			x: renovationComments.x,
			y: renovationComments.y,
			body: renovationComments.body,
			status: renovationComments.status,
			author: users.name,
			answer: renovationComments.answer,
			answeredBy: answeredBy.name,
			createdAt: renovationComments.createdAt
		})
		.from(renovationComments)
		.innerJoin(users, eq(users.id, renovationComments.authorId))
		.leftJoin(answeredBy, eq(answeredBy.id, renovationComments.answeredBy))
		.where(eq(renovationComments.applicationId, applicationId))
		.orderBy(asc(renovationComments.number));
}

/** A drawing sheet of the application by its document id, or undefined (another application's, not a drawing, not an id). */
export async function drawingSheet(executor: Executor, applicationId: string, documentId: unknown) {
	if (typeof documentId !== 'string' || !isUuid(documentId)) return undefined;
	const [sheet] = await executor
		.select()
		.from(renovationDocuments)
		.where(
			and(
				eq(renovationDocuments.id, documentId),
				eq(renovationDocuments.applicationId, applicationId),
				eq(renovationDocuments.kind, 'drawing')
			)
		);
	return sheet;
}
