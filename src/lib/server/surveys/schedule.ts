/**
 * What happens to an open survey by itself: reminders to those who have not answered, on the
 * survey's schedule (remindAfterDays after the invitation, then again after the first reminder: at
 * most MAX_REMINDERS), and its closing at closesAt. Both are durable jobs scheduled when the last
 * link goes out (sending.ts); staff may also remind now (a job run at once, for those not reminded
 * or invited in the last day).
 *
 * A reminder carries the invitation's own link: the link is kept only hashed on the recipient, so
 * it is read back from the invitation's inbox rows (which hold it, to be opened) and matched to its
 * recipient by hash. Each batch marks its recipients reminded in the transaction that writes their
 * notices, so a job run twice reminds nobody twice. Recipients who were not emailed (letters) are
 * not reminded by email: staff print their letters again.
 */
import { and, asc, eq, gt, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { surveyReference } from '#lib/references.ts';
import { localText } from '#lib/surveys/definition.ts';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { hashSecret } from '../auth/tokens.ts';
import { db, type Db, type Executor } from '../db/client.ts';
import { notifications, surveyRecipients, surveys } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { scheduleJob, type JobContext } from '../jobs/queue.ts';
import { notify } from '../notify/notify.ts';
import { surveyMachine } from './machine.ts';
import { lockSurvey, type Survey } from './access.ts';

const REMIND_JOB = 'surveys.remind';
const CLOSE_JOB = 'surveys.close';
const MAX_REMINDERS = 2;
const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 500;

export interface SurveyRemindPayload {
	surveyId: string;
	/** Remind those invited or last reminded at least this many days ago. */
	afterDays: number;
	/** The scheduled round (1, 2): a run by hand has none and schedules nothing after it. */
	round?: number;
}

export interface SurveyClosePayload {
	surveyId: string;
}

/** When the survey opens (its last link out): its first reminder round and its closing. */
export async function scheduleOpenSurvey(executor: Executor, survey: Survey, now: Date): Promise<void> {
	await scheduleRound(executor, survey, 1, now);
	if (survey.closesAt) {
		await scheduleJob(executor, {
			kind: CLOSE_JOB,
			payload: { surveyId: survey.id } satisfies SurveyClosePayload,
			runAt: survey.closesAt,
			dedupeKey: `${CLOSE_JOB}:${survey.id}`
		});
	}
}

async function scheduleRound(executor: Executor, survey: Survey, round: number, now: Date): Promise<void> {
	const runAt = new Date(now.getTime() + survey.remindAfterDays * DAY_MS);
	// No reminder after the survey has closed.
	if (round > MAX_REMINDERS || (survey.closesAt && runAt >= survey.closesAt)) return;
	await scheduleJob(executor, {
		kind: REMIND_JOB,
		payload: { surveyId: survey.id, afterDays: survey.remindAfterDays, round } satisfies SurveyRemindPayload,
		runAt,
		dedupeKey: `${REMIND_JOB}:${survey.id}:${round}`
	});
}

/** Staff's "remind now": a run at once for those not invited or reminded in the last day. */
export async function remindNow(actor: Actor, surveyId: string, now = new Date()): Promise<void> {
	requireStaff(actor, 'surveys.manage');
	await db().transaction(async (tx) => {
		const survey = await lockSurvey(tx, actor, surveyId);
		surveyMachine.take(survey.state, 'remind', new Set(['editor']), m.surveys_moved_on());
		await recordEvent(tx, { actor, subjectType: 'survey', subjectId: survey.id, kind: 'remind', data: { by: 'hand' } });
		await scheduleJob(tx, {
			kind: REMIND_JOB,
			payload: { surveyId: survey.id, afterDays: 1 } satisfies SurveyRemindPayload,
			runAt: now,
			dedupeKey: `${REMIND_JOB}:${survey.id}:now`
		});
	});
}

/**
 * One batch of reminders: the next invitation links (in inbox-row order after `afterNotification`)
 * whose recipients are due. Returns the cursor to go on from, or null at the end.
 */
async function remindBatch(database: Db, survey: Survey, payload: SurveyRemindPayload, after: string | null, now: Date) {
	const rows = await database
		.select({ id: notifications.id, userId: notifications.userId, link: notifications.link })
		.from(notifications)
		.where(
			and(
				eq(notifications.kind, 'survey.invitation'),
				eq(notifications.subjectId, survey.id),
				after ? gt(notifications.id, after) : undefined
			)
		)
		.orderBy(asc(notifications.id))
		.limit(BATCH);
	if (rows.length === 0) return null;
	const usersByLink = new Map<string, string[]>();
	for (const row of rows) usersByLink.set(row.link, [...(usersByLink.get(row.link) ?? []), row.userId]);
	const links = [...usersByLink.keys()];
	const due = new Date(now.getTime() - payload.afterDays * DAY_MS);
	await database.transaction(async (tx) => {
		const recipients = await tx
			.select({ id: surveyRecipients.id, tokenHash: surveyRecipients.tokenHash })
			.from(surveyRecipients)
			.where(
				and(
					eq(surveyRecipients.surveyId, survey.id),
					inArray(
						surveyRecipients.tokenHash,
						links.map((link) => hashSecret(link.slice('/s/'.length)))
					),
					isNull(surveyRecipients.answeredAt),
					eq(surveyRecipients.emailed, true),
					lt(surveyRecipients.reminders, MAX_REMINDERS + 1),
					or(and(isNull(surveyRecipients.remindedAt), lte(surveyRecipients.invitedAt, due)), lte(surveyRecipients.remindedAt, due))
				)
			)
			.for('update', { skipLocked: true });
		if (recipients.length === 0) return;
		const byHash = new Map(recipients.map((r) => [Buffer.from(r.tokenHash).toString('hex'), r.id]));
		const reference = surveyReference(survey.seq);
		const reminded: string[] = [];
		for (const link of links) {
			const id = byHash.get(Buffer.from(hashSecret(link.slice('/s/'.length))).toString('hex'));
			if (!id) continue;
			reminded.push(id);
			await notify(tx, {
				userIds: usersByLink.get(link)!,
				kind: 'survey.reminder',
				subject: { type: 'survey', id: survey.id },
				link,
				message: (locale) => ({
					title: m.surveys_reminder_title({ title: localText(survey.title, locale) }, { locale }),
					body: m.surveys_reminder_body({ reference }, { locale })
				}),
				channels: ['inbox', 'email']
			});
		}
		await tx
			.update(surveyRecipients)
			.set({ remindedAt: now, reminders: sql`${surveyRecipients.reminders} + 1` })
			.where(inArray(surveyRecipients.id, reminded));
	});
	return rows.at(-1)!.id;
}

/** The reminder job: every due recipient of an open survey, then the next round. */
export async function runRemindJob(payload: SurveyRemindPayload, context: JobContext): Promise<void> {
	const [survey] = await context.db.select().from(surveys).where(eq(surveys.id, payload.surveyId));
	if (!survey || survey.state !== 'open' || (survey.closesAt && survey.closesAt <= context.now)) return;
	let cursor: string | null = null;
	do cursor = await remindBatch(context.db, survey, payload, cursor, context.now);
	while (cursor);
	if (payload.round) {
		await context.db.transaction(async (tx) => {
			await recordEvent(tx, { actor: null, subjectType: 'survey', subjectId: survey.id, kind: 'remind', data: { round: payload.round } });
			await scheduleRound(tx, survey, payload.round! + 1, context.now);
		});
	}
}

/** The closing job: at closesAt an open survey closes (a survey closed by hand stays as it is). */
export async function runCloseJob(payload: SurveyClosePayload, context: JobContext): Promise<void> {
	await context.db.transaction(async (tx) => {
		const [survey] = await tx.select().from(surveys).where(eq(surveys.id, payload.surveyId)).for('update');
		if (!survey || survey.state !== 'open' || !survey.closesAt || survey.closesAt > context.now) return;
		const to = surveyMachine.take(survey.state, 'close', new Set(['system']));
		await tx.update(surveys).set({ state: to, closedAt: context.now, updatedAt: context.now }).where(eq(surveys.id, survey.id));
		await recordEvent(tx, {
			actor: null,
			subjectType: 'survey',
			subjectId: survey.id,
			kind: 'close',
			from: survey.state,
			to,
			data: { by: 'closing time' }
		});
	});
}
