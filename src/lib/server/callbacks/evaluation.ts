import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { evaluationFormSchema } from '#lib/schemas/callbacks.ts';
import { hashSecret } from '../auth/tokens.ts';
import { db, type Executor, type Tx } from '../db/client.ts';
import { callbackEvaluations, estates, repairCallbacks, repairKinds, repairOrders } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { isUniqueViolation } from '../kernel/unique-violation.ts';
import { parseInput } from '../kernel/input-error.ts';
import { localDate, numericDateTime } from '#lib/time/index.ts';
import { m } from '#lib/paraglide/messages.js';
import { notify } from '../notify/notify.ts';
import { repairReference } from '../repairs/notices.ts';
import { staffInEstate } from '../repairs/people.ts';
import { callbackMachine } from './machine.ts';
import { issueRectification, RECTIFICATION_HOURS } from './service.ts';

/** The shape of the tokens create.ts issues: 26 symbols of tokens.ts's alphabet. */
const TOKEN_PATTERN = /^[a-km-np-z2-9]{26}$/;

/** Anything else than a well-formed token is answered 404 without touching the database. */
export function isEvaluationToken(value: string): boolean {
	return TOKEN_PATTERN.test(value);
}

export type EvaluationLink =
	| {
			status: 'open';
			repair: {
				reference: string;
				kind: { nameEn: string; nameZhHans: string; nameZhHant: string };
				estateName: string;
				completedOn: string | null;
			};
	  }
	| { status: 'answered' }
	| { status: 'expired' };

async function findByToken(executor: Executor, token: string, { forUpdate = false } = {}) {
	if (!isEvaluationToken(token)) error(404, 'Not found');
	const query = executor
		.select({
			callback: repairCallbacks,
			seq: repairOrders.seq,
			signedOffAt: repairOrders.signedOffAt,
			kind: { nameEn: repairKinds.nameEn, nameZhHans: repairKinds.nameZhHans, nameZhHant: repairKinds.nameZhHant },
			estateName: estates.name,
			timeZone: estates.timeZone
		})
		.from(repairCallbacks)
		.innerJoin(repairOrders, eq(repairOrders.id, repairCallbacks.repairId))
		.innerJoin(repairKinds, eq(repairKinds.id, repairOrders.kindId))
		.innerJoin(estates, eq(estates.id, repairCallbacks.estateId))
		.where(eq(repairCallbacks.evaluationTokenHash, hashSecret(token)));
	const [row] = forUpdate ? await query.for('update', { of: repairCallbacks }) : await query;
	if (!row) error(404, 'Not found');
	return row;
}

async function answered(executor: Executor, callbackId: string): Promise<boolean> {
	const [row] = await executor
		.select({ id: callbackEvaluations.callbackId })
		.from(callbackEvaluations)
		.where(eq(callbackEvaluations.callbackId, callbackId));
	return !!row;
}

/**
 * What the personal link leads to: the form, "already answered" (it works once) or "expired".
 * An unknown or malformed token is a 404, never an error page with details.
 */
export async function evaluationLink(token: string, { now = new Date(), executor = db() } = {}): Promise<EvaluationLink> {
	const row = await findByToken(executor, token);
	if (await answered(executor, row.callback.id)) return { status: 'answered' };
	if (!row.callback.evaluationExpiresAt || row.callback.evaluationExpiresAt <= now) return { status: 'expired' };
	return {
		status: 'open',
		repair: {
			reference: repairReference(row),
			kind: row.kind,
			estateName: row.estateName,
			completedOn: row.signedOffAt ? localDate(row.signedOffAt, row.timeZone) : null
		}
	};
}

/**
 * The work is not fixed, says the resident: a follow-up opens at once, as the thank-you page
 * promises — a rectification notice (整改通知, due in 24 hours) on the repair for its technician,
 * with the resident's words, and the estate's repair leads (and whoever has the callback) told in
 * the app and by email. The leads see it on their home and the notices list until it is resolved,
 * and the deadline sweep tells about it when its 24 hours pass.
 */
async function openFollowUp(tx: Tx, row: Awaited<ReturnType<typeof findByToken>>, words: string, now: Date): Promise<void> {
	const [order] = await tx
		.select({ id: repairOrders.id, seq: repairOrders.seq, estateId: repairOrders.estateId, technicianId: repairOrders.technicianId })
		.from(repairOrders)
		.where(eq(repairOrders.id, row.callback.repairId));
	if (!order) return;
	const noticeId = await issueRectification(tx, null, { ...order, timeZone: row.timeZone }, row.callback.id, words, now);
	const leads = (await staffInEstate(tx, order.estateId, ['engineering_supervisor'])).map((s) => s.id);
	const reference = repairReference(order);
	const due = numericDateTime(new Date(now.getTime() + RECTIFICATION_HOURS * 60 * 60 * 1000), row.timeZone);
	await notify(tx, {
		// Without a technician, issueRectification told the leads already.
		userIds: [...(order.technicianId ? leads : []), row.callback.assigneeId].filter((id): id is string => !!id),
		kind: 'rectification.not_fixed',
		subject: { type: 'rectification', id: noticeId },
		link: `/staff/callbacks/rectifications#notice-${noticeId}`,
		message: (locale) => ({
			title: m.deadlines_notice_not_fixed_title({ reference }, { locale }),
			body: m.deadlines_notice_not_fixed_body({ due, words: words.slice(0, 300) }, { locale })
		}),
		channels: ['inbox', 'email']
	});
}

/**
 * Stores the resident's answers once. A second submission (a reused link, a double tap) gets
 * 'answered' back, an expired link 'expired'; neither changes anything. The staff callback stays
 * open: its form shows these answers to whoever calls. "Not fixed" opens a follow-up at once.
 */
export async function submitEvaluation(
	token: string,
	raw: unknown,
	{ now = new Date() }: { now?: Date } = {}
): Promise<'saved' | 'answered' | 'expired'> {
	// Before validating: a bad token is a 404 whatever was posted with it.
	if (!isEvaluationToken(token)) error(404, 'Not found');
	const input = parseInput(evaluationFormSchema, raw);
	try {
		return await db().transaction(async (tx) => {
			const row = await findByToken(tx, token, { forUpdate: true });
			if (await answered(tx, row.callback.id)) return 'answered';
			if (!row.callback.evaluationExpiresAt || row.callback.evaluationExpiresAt <= now) return 'expired';
			// The personal link is the whole authority: whoever holds it answers, once.
			callbackMachine.take(row.callback.state, 'evaluate', new Set(['link_holder']));
			await tx.insert(callbackEvaluations).values({
				callbackId: row.callback.id,
				workOk: input.workOk === 'yes',
				serviceRating: input.serviceRating,
				chargesOk: input.chargesOk === 'yes',
				suggestions: input.suggestions,
				signedName: input.signedName,
				submittedAt: now
			});
			await recordEvent(tx, {
				actor: null,
				subjectType: 'repair',
				subjectId: row.callback.repairId,
				kind: 'evaluation_submitted',
				note: input.suggestions,
				data: {
					callbackId: row.callback.id,
					workOk: input.workOk === 'yes',
					serviceRating: input.serviceRating,
					chargesOk: input.chargesOk === 'yes',
					signedName: input.signedName
				}
			});
			if (input.workOk === 'no') await openFollowUp(tx, row, input.suggestions, now);
			return 'saved' as const;
		});
	} catch (err) {
		// Two submissions racing past the check: the primary key keeps one, the other is "answered".
		if (isUniqueViolation(err)) return 'answered';
		throw err;
	}
}
