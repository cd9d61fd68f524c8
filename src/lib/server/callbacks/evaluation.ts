import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { evaluationFormSchema } from '#lib/schemas/callbacks.ts';
import { hashSecret } from '../auth/tokens.ts';
import { db, type Executor } from '../db/client.ts';
import { callbackEvaluations, estates, repairCallbacks, repairKinds, repairOrders } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { isUniqueViolation } from '../kernel/unique-violation.ts';
import { parseInput } from '../kernel/input-error.ts';
import { localDate } from '#lib/time/index.ts';
import { repairReference } from '../repairs/notices.ts';
import { callbackMachine } from './machine.ts';

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
 * Stores the resident's answers once. A second submission (a reused link, a double tap) gets
 * 'answered' back, an expired link 'expired'; neither changes anything. The staff callback stays
 * open: its form shows these answers to whoever calls.
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
			return 'saved' as const;
		});
	} catch (err) {
		// Two submissions racing past the check: the primary key keeps one, the other is "answered".
		if (isUniqueViolation(err)) return 'answered';
		throw err;
	}
}
