/**
 * The review of a submitted application (rule 5 b–d): customer service registers it (or returns
 * the papers); engineering codes each sheet of the revision under review and pins comments on
 * sheets; the applicant side answers them and resubmits a new revision; engineering approves the
 * drawings, then security reviews fire safety. Every step is one machine action (transition.ts):
 * the checks below are the step's own conditions ("needs" in machine.ts), refused with a message.
 *
 * A comment belongs to a sheet number, not to one file: it stays on that sheet in every later
 * revision until the reviewer closes it.
 */
import { and, eq, inArray, max } from 'drizzle-orm';
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import type { Actor } from '../auth/actor.ts';
import { requireResidentOrContractor, requireStaff } from '../auth/guards.ts';
import type { Tx } from '../db/client.ts';
import { renovationComments, renovationDocuments, type sheetReviewCode } from '../db/schema/index.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { drawingSheet } from './queries.ts';
import { isUuid } from '../kernel/ids.ts';
import type { RenovationApplication } from './access.ts';
import { FIRE_AUTHORITY_AREA_M2 } from './checklist.ts';
import { takeRenovationAction } from './transition.ts';
import { issueRenovationFees } from './fees.ts';

export type SheetReviewCode = (typeof sheetReviewCode.enumValues)[number];
const passingCodes: readonly SheetReviewCode[] = ['approved', 'approved_as_noted'];

/** A reason a person must give (returning papers, rejecting, withdrawing): what the other side reads. */
export const reasonSchema = z
	.string()
	.trim()
	.min(1, { error: () => m.renovations_reason_required() })
	.max(2000);
const textSchema = z
	.string()
	.trim()
	.min(1, { error: () => m.renovations_comment_required() })
	.max(2000);

/** Customer service registers a submitted application: the drawings go to engineering. */
export async function registerApplication(actor: Actor, applicationId: string): Promise<void> {
	requireStaff(actor, 'renovations.intake');
	return await takeRenovationAction(actor, applicationId, 'register');
}

/** Customer service sends the papers back as incomplete, with the reason the applicant reads. */
export async function returnPapers(actor: Actor, applicationId: string, reason: unknown): Promise<void> {
	requireStaff(actor, 'renovations.intake');
	// Checked once the application is known to be the actor's to act on: a stranger learns nothing from a message.
	return await takeRenovationAction(actor, applicationId, 'return_papers', async () => ({
		note: parseInput(z.object({ reason: reasonSchema }), { reason }).reason
	}));
}

/** A drawing sheet of the application, or a message at the sheet field. */
async function currentSheet(tx: Tx, application: RenovationApplication, documentId: unknown) {
	const sheet = await drawingSheet(tx, application.id, documentId);
	if (!sheet) throw new InputError('documentId', m.renovations_sheet_unknown());
	return sheet;
}

const codeSchema = z.enum(['approved', 'approved_as_noted', 'revise_and_resubmit', 'rejected'], {
	error: () => m.renovations_code_required()
});

/** Engineering codes one sheet of the revision under review. */
export async function codeSheet(actor: Actor, applicationId: string, documentId: unknown, code: unknown, now = new Date()): Promise<void> {
	requireStaff(actor, 'renovations.engineering');
	return await takeRenovationAction(actor, applicationId, 'code_sheet', async (tx, { application }) => {
		const reviewCode = parseInput(z.object({ code: codeSchema }), { code }).code;
		const sheet = await currentSheet(tx, application, documentId);
		if (sheet.revision !== application.drawingRevision) throw new InputError('documentId', m.renovations_sheet_not_current());
		await tx
			.update(renovationDocuments)
			.set({ reviewCode, codedBy: actor.userId, codedAt: now })
			.where(eq(renovationDocuments.id, sheet.id));
		return { data: { sheet: sheet.sheet, revision: sheet.revision, code: reviewCode } };
	});
}

const spotSchema = z.object({
	x: z.coerce
		.number({ error: () => m.renovations_spot_required() })
		.min(0)
		.max(1),
	y: z.coerce
		.number({ error: () => m.renovations_spot_required() })
		.min(0)
		.max(1),
	body: textSchema
});

/** A reviewer pins a numbered comment on a spot of a sheet (x, y: fractions of its width and height). */
export async function pinComment(actor: Actor, applicationId: string, documentId: unknown, input: unknown): Promise<number> {
	requireStaff(actor, ['renovations.engineering', 'renovations.security']);
	return await takeRenovationAction(actor, applicationId, 'pin_comment', async (tx, { application }) => {
		const spot = parseInput(spotSchema, input);
		const sheet = await currentSheet(tx, application, documentId);
		// The application row is locked: numbers cannot collide.
		const [last] = await tx
			.select({ number: max(renovationComments.number) })
			.from(renovationComments)
			.where(eq(renovationComments.applicationId, application.id));
		const number = (last?.number ?? 0) + 1;
		await tx.insert(renovationComments).values({
			applicationId: application.id,
			number,
			sheet: sheet.sheet!,
			revision: sheet.revision!,
			x: spot.x,
			y: spot.y,
			body: spot.body,
			authorId: actor.userId
		});
		return { data: { number, sheet: sheet.sheet, revision: sheet.revision }, result: number };
	});
}

async function commentOf(tx: Tx, application: RenovationApplication, commentId: unknown) {
	const [comment] =
		typeof commentId === 'string' && isUuid(commentId)
			? await tx
					.select()
					.from(renovationComments)
					.where(and(eq(renovationComments.id, commentId), eq(renovationComments.applicationId, application.id)))
			: [];
	if (!comment) throw new InputError('commentId', m.renovations_comment_unknown());
	return comment;
}

/** The reviewer closes a comment (answered, or no longer needed). */
export async function closeComment(actor: Actor, applicationId: string, commentId: unknown, now = new Date()): Promise<void> {
	requireStaff(actor, ['renovations.engineering', 'renovations.security']);
	return await takeRenovationAction(actor, applicationId, 'close_comment', async (tx, { application }) => {
		const comment = await commentOf(tx, application, commentId);
		if (comment.status === 'closed') throw new InputError('commentId', m.renovations_comment_already_closed());
		await tx
			.update(renovationComments)
			.set({ status: 'closed', closedBy: actor.userId, closedAt: now })
			.where(eq(renovationComments.id, comment.id));
		return { data: { number: comment.number } };
	});
}

/** Comments not yet closed on the application. */
async function unclosedComments(tx: Tx, applicationId: string, statuses: ('open' | 'answered')[] = ['open', 'answered']) {
	return tx
		.select({ id: renovationComments.id, number: renovationComments.number })
		.from(renovationComments)
		.where(and(eq(renovationComments.applicationId, applicationId), inArray(renovationComments.status, statuses)));
}

/** The sheets of the revision under review, with their codes. */
async function revisionSheets(tx: Tx, application: RenovationApplication) {
	return tx
		.select({ id: renovationDocuments.id, sheet: renovationDocuments.sheet, reviewCode: renovationDocuments.reviewCode })
		.from(renovationDocuments)
		.where(
			and(
				eq(renovationDocuments.applicationId, application.id),
				eq(renovationDocuments.kind, 'drawing'),
				eq(renovationDocuments.revision, application.drawingRevision)
			)
		);
}

/**
 * Engineering (or security, from its review) returns the drawings for a new revision: there must
 * be something to answer — an open comment, or a sheet coded "revise and resubmit" or "rejected".
 */
export async function requestRevision(
	actor: Actor,
	applicationId: string,
	action: 'request_revision' | 'return_fire_safety'
): Promise<void> {
	requireStaff(actor, ['renovations.engineering', 'renovations.security']);
	return await takeRenovationAction(actor, applicationId, action, async (tx, { application }) => {
		const open = await unclosedComments(tx, application.id, ['open']);
		const sheets = await revisionSheets(tx, application);
		const failing = sheets.filter((s) => s.reviewCode !== null && !passingCodes.includes(s.reviewCode));
		if (open.length === 0 && failing.length === 0) throw new InputError('', m.renovations_revision_needs_reason());
		return {
			changes: { drawingRevision: application.drawingRevision + 1 },
			data: { revision: application.drawingRevision, comments: open.map((c) => c.number), sheets: failing.map((s) => s.sheet) }
		};
	});
}

/** The applicant or the contractor answers a comment; the reviewer then closes it. */
export async function answerComment(
	actor: Actor,
	applicationId: string,
	commentId: unknown,
	answer: unknown,
	now = new Date()
): Promise<void> {
	requireResidentOrContractor(actor);
	return await takeRenovationAction(actor, applicationId, 'answer_comment', async (tx, { application }) => {
		const text = parseInput(z.object({ answer: textSchema }), { answer }).answer;
		const comment = await commentOf(tx, application, commentId);
		if (comment.status === 'closed') throw new InputError('commentId', m.renovations_comment_already_closed());
		await tx
			.update(renovationComments)
			.set({ status: 'answered', answer: text, answeredBy: actor.userId, answeredAt: now })
			.where(eq(renovationComments.id, comment.id));
		return { data: { number: comment.number } };
	});
}

/** The applicant side sends the new revision back to review once it is uploaded and every comment has an answer. */
export async function resubmit(actor: Actor, applicationId: string): Promise<void> {
	requireResidentOrContractor(actor);
	return await takeRenovationAction(actor, applicationId, 'resubmit', async (tx, { application }) => {
		if ((await revisionSheets(tx, application)).length === 0) {
			throw new InputError('', m.renovations_resubmit_needs_revision({ revision: application.drawingRevision }));
		}
		const unanswered = await unclosedComments(tx, application.id, ['open']);
		if (unanswered.length) {
			throw new InputError('', m.renovations_resubmit_needs_answers({ numbers: unanswered.map((c) => `#${c.number}`).join(', ') }));
		}
		return { data: { revision: application.drawingRevision } };
	});
}

/** Engineering approves the drawings once every sheet of the revision is approved (as noted, at least). */
export async function approveDrawings(actor: Actor, applicationId: string): Promise<void> {
	requireStaff(actor, 'renovations.engineering');
	return await takeRenovationAction(actor, applicationId, 'approve_drawings', async (tx, { application }) => {
		const sheets = await revisionSheets(tx, application);
		const notPassed = sheets.filter((s) => s.reviewCode === null || !passingCodes.includes(s.reviewCode));
		if (sheets.length === 0 || notPassed.length) {
			throw new InputError('', m.renovations_approve_needs_codes({ sheets: notPassed.map((s) => s.sheet).join(', ') }));
		}
		return { data: { revision: application.drawingRevision } };
	});
}

/**
 * Security approves fire safety (over 200 m² only with the city fire authority's receipt
 * uploaded); the renovation fees are issued as bills in the same transaction (fees.ts).
 */
export async function approveFireSafety(actor: Actor, applicationId: string): Promise<void> {
	requireStaff(actor, 'renovations.security');
	return await takeRenovationAction(actor, applicationId, 'approve_fire_safety', async (tx, { application }) => {
		if (application.areaM2 !== null && Number(application.areaM2) > FIRE_AUTHORITY_AREA_M2) {
			const [receipt] = await tx
				.select({ id: renovationDocuments.id })
				.from(renovationDocuments)
				.where(and(eq(renovationDocuments.applicationId, application.id), eq(renovationDocuments.kind, 'fire_authority_receipt')))
				.limit(1);
			if (!receipt) throw new InputError('', m.renovations_missing_fire_authority_receipt());
		}
		const billIds = await issueRenovationFees(tx, application, actor.userId);
		return { data: { billIds } };
	});
}

/** Engineering (from the drawing review) or security (from its own) rejects the application outright, with the reason. */
export async function rejectApplication(
	actor: Actor,
	applicationId: string,
	action: 'reject_drawings' | 'reject_fire_safety',
	reason: unknown
): Promise<void> {
	requireStaff(actor, ['renovations.engineering', 'renovations.security']);
	return await takeRenovationAction(actor, applicationId, action, async () => ({
		note: parseInput(z.object({ reason: reasonSchema }), { reason }).reason
	}));
}
