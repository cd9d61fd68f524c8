import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { satisfactionSchema } from '#lib/schemas/complaints.ts';
import { localDate } from '#lib/time/index.ts';
import { hashSecret, randomString } from '../auth/tokens.ts';
import { isEvaluationToken } from '../callbacks/evaluation.ts';
import { db, type Executor, type Tx } from '../db/client.ts';
import { complaints, estates } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { parseInput } from '../kernel/input-error.ts';
import { staffInEstate } from '../repairs/people.ts';
import type { Complaint } from './access.ts';
import { complaintFacts } from './access.ts';
import { takeComplaintAction } from './machine.ts';
import { complaintReference, tellComplainant, tellStaff } from './notices.ts';

const LINK_DAYS = 30;

/**
 * Makes the complainant's personal satisfaction link (like the callback evaluation's: 26
 * symbols, stored only as a hash, once, for 30 days) and sends it with the result; a new result
 * (after a reopening) asks afresh.
 */
export async function issueSatisfactionLink(tx: Tx, complaint: Complaint, resolution: string, now: Date) {
	const token = randomString(26);
	const columns = {
		satisfactionTokenHash: hashSecret(token),
		satisfactionExpiresAt: new Date(now.getTime() + LINK_DAYS * 86_400_000),
		satisfied: null,
		satisfactionComment: '',
		satisfactionAt: null
	};
	await tx.update(complaints).set(columns).where(eq(complaints.id, complaint.id));
	await tellComplainant(tx, complaint, 'resolved', { resolution });
	await tellComplainant(tx, complaint, 'satisfaction', {}, { link: `/s/${token}` });
}

export type SatisfactionLink =
	| { status: 'open'; reference: string; resolution: string; resolvedOn: string | null; estateName: string }
	| { status: 'answered' }
	| { status: 'expired' };

async function findByToken(executor: Executor, token: string, { forUpdate = false } = {}) {
	if (!isEvaluationToken(token)) error(404, 'Not found');
	const query = executor
		.select({ complaint: complaints, estateName: estates.name, timeZone: estates.timeZone })
		.from(complaints)
		.innerJoin(estates, eq(estates.id, complaints.estateId))
		.where(eq(complaints.satisfactionTokenHash, hashSecret(token)));
	const [row] = forUpdate ? await query.for('update', { of: complaints }) : await query;
	if (!row) error(404, 'Not found');
	return row;
}

/** What the complainant's link leads to: the question, "already answered" (once) or "expired"; else 404. */
export async function satisfactionLink(token: string, { now = new Date() } = {}): Promise<SatisfactionLink> {
	const { complaint, estateName, timeZone } = await findByToken(db(), token);
	if (complaint.satisfactionAt) return { status: 'answered' };
	if (!complaint.satisfactionExpiresAt || complaint.satisfactionExpiresAt <= now) return { status: 'expired' };
	return {
		status: 'open',
		reference: complaintReference(complaint),
		resolution: complaint.resolution,
		resolvedOn: complaint.resolvedAt ? localDate(complaint.resolvedAt, timeZone) : null,
		estateName
	};
}

/**
 * The complainant's answer, once: satisfied or not, and why. Not satisfied tells the owner and the
 * managers, who may reopen it. A second post gets 'answered', an expired link 'expired'.
 */
export async function answerSatisfaction(
	token: string,
	raw: unknown,
	{ now = new Date() } = {}
): Promise<'saved' | 'answered' | 'expired'> {
	if (!isEvaluationToken(token)) error(404, 'Not found');
	const input = parseInput(satisfactionSchema, raw);
	return db().transaction(async (tx) => {
		const { complaint } = await findByToken(tx, token, { forUpdate: true });
		if (complaint.satisfactionAt) return 'answered';
		if (!complaint.satisfactionExpiresAt || complaint.satisfactionExpiresAt <= now) return 'expired';
		// The personal link is the whole authority: whoever holds it answers, once.
		const facts = complaintFacts(complaint);
		takeComplaintAction({ state: complaint.state, facts, capacities: new Set(['link_holder']) }, 'answer_satisfaction', '');
		const satisfied = input.satisfied === 'yes';
		await tx
			.update(complaints)
			.set({ satisfied, satisfactionComment: input.comment, satisfactionAt: now, updatedAt: now })
			.where(eq(complaints.id, complaint.id));
		await recordEvent(tx, {
			actor: null,
			subjectType: 'complaint',
			subjectId: complaint.id,
			kind: 'satisfaction_answered',
			note: input.comment,
			data: { satisfied }
		});
		if (!satisfied) {
			const managers = (await staffInEstate(tx, complaint.estateId, ['manager'])).map((s) => s.id);
			await tellStaff(tx, complaint, 'not_satisfied', [complaint.ownerId, ...managers], { comment: input.comment });
		}
		return 'saved' as const;
	});
}
