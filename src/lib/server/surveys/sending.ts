/**
 * Creating a survey from a template and sending it (rule 7: to every resident at once). Sending
 * freezes the survey ('sending'), counts its audience, and starts one durable job that gives
 * each occupancy of the audience a personal link, in batches: each batch, in one transaction,
 * writes its recipients (only the link's hash is kept) and their notices (inbox and email, in the
 * recipient's language). A restart goes on after the last occupancy written — by occupancy id,
 * with the recipients' unique index as the backstop — so nobody is sent twice. When no occupancy
 * is left the survey is open.
 */
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { surveyReference } from '#lib/references.ts';
import { localText } from '#lib/surveys/definition.ts';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { hashSecret, randomString } from '../auth/tokens.ts';
import { db, type Db, type Tx } from '../db/client.ts';
import { surveyRecipients, surveys, surveyTemplates, users, type SurveyAudience } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { scheduleJob, type JobContext } from '../jobs/queue.ts';
import { isUuid } from '../kernel/ids.ts';
import { InputError } from '../kernel/input-error.ts';
import { notify, recipientLocale } from '../notify/notify.ts';
import { partyRecipients } from '../fees/parties.ts';
import { audiencePage, audienceSize } from './audience.ts';
import { surveyMachine, type SurveyCapacity } from './machine.ts';
// The survey's event kinds (declaration merging into events/kinds.ts).
import './event-kinds.ts';

const SEND_JOB = 'surveys.send';
const BATCH = 500;

export interface SurveySendPayload {
	surveyId: string;
}

export type Survey = typeof surveys.$inferSelect;

const EDITOR: ReadonlySet<SurveyCapacity> = new Set(['editor']);

/** A new draft from a template, for the estates the staff member works in (every estate: an admin's). */
export async function createSurvey(actor: Actor, templateId: string): Promise<string> {
	requireStaff(actor, 'surveys.manage');
	if (!isUuid(templateId)) throw new InputError('templateId', m.surveys_template_required());
	const [template] = await db()
		.select()
		.from(surveyTemplates)
		.where(and(eq(surveyTemplates.id, templateId), eq(surveyTemplates.active, true)));
	if (!template) throw new InputError('templateId', m.surveys_template_required());
	return db().transaction(async (tx) => {
		const [survey] = await tx
			.insert(surveys)
			.values({
				templateId: template.id,
				title: template.title,
				definition: template.definition,
				audience: { estateIds: actor.estateIds ? [...actor.estateIds] : [], buildingIds: [] },
				createdBy: actor.userId,
				previousSurveyId: await lastSurveyOf(tx, template.id)
			})
			.returning({ id: surveys.id });
		await recordEvent(tx, { actor, subjectType: 'survey', subjectId: survey!.id, kind: 'created', to: 'draft' });
		return survey!.id;
	});
}

/** The latest survey sent from the template: this year's results are compared with it. */
async function lastSurveyOf(tx: Tx, templateId: string): Promise<string | null> {
	const [last] = await tx
		.select({ id: surveys.id })
		.from(surveys)
		.where(and(eq(surveys.templateId, templateId), inArray(surveys.state, ['open', 'closed'])))
		.orderBy(desc(surveys.sentAt))
		.limit(1);
	return last?.id ?? null;
}

/** The survey locked for a change, if it is in the actor's estates (404 otherwise). */
async function lockSurvey(tx: Tx, actor: Actor, surveyId: string): Promise<Survey> {
	if (!isUuid(surveyId)) error(404, 'Not found');
	const [survey] = await tx.select().from(surveys).where(eq(surveys.id, surveyId)).for('update');
	if (!survey || !mayManage(actor, survey.audience)) error(404, 'Not found');
	return survey;
}

/** Staff manage a survey whose audience is within their estates (an admin's: any). */
export function mayManage(actor: Actor, audience: SurveyAudience): boolean {
	if (actor.estateIds === null) return true;
	return audience.estateIds.length > 0 && audience.estateIds.every((id) => actor.estateIds!.includes(id));
}

/** Sends the draft: freezes it, counts its audience and starts the sending job. An empty audience is refused. */
export async function sendSurvey(actor: Actor, surveyId: string, now = new Date()): Promise<void> {
	requireStaff(actor, 'surveys.manage');
	await db().transaction(async (tx) => {
		const survey = await lockSurvey(tx, actor, surveyId);
		const to = surveyMachine.take(survey.state, 'send', EDITOR, m.surveys_moved_on());
		const size = await audienceSize(tx, survey.audience, now);
		if (size === 0) throw new InputError('audience', m.surveys_audience_empty());
		await tx.update(surveys).set({ state: to, sentAt: now, recipientCount: size, updatedAt: now }).where(eq(surveys.id, survey.id));
		await recordEvent(tx, {
			actor,
			subjectType: 'survey',
			subjectId: survey.id,
			kind: 'send',
			from: survey.state,
			to,
			data: { recipients: size }
		});
		await scheduleJob(tx, {
			kind: SEND_JOB,
			payload: { surveyId: survey.id } satisfies SurveySendPayload,
			runAt: now,
			dedupeKey: `${SEND_JOB}:${survey.id}`
		});
	});
}

/**
 * One batch: the next occupancies after the last one given a link, each with its link and notice.
 * Returns whether more may follow; with none left, the survey opens.
 */
export async function sendBatch(database: Db, surveyId: string, now = new Date(), batch = BATCH): Promise<boolean> {
	return database.transaction(async (tx) => {
		const [survey] = await tx.select().from(surveys).where(eq(surveys.id, surveyId)).for('update');
		if (!survey || survey.state !== 'sending') return false;
		const [last] = await tx
			.select({ occupancyId: surveyRecipients.occupancyId })
			.from(surveyRecipients)
			.where(eq(surveyRecipients.surveyId, survey.id))
			.orderBy(desc(surveyRecipients.occupancyId))
			.limit(1);
		const page = await audiencePage(tx, survey.audience, last?.occupancyId ?? null, batch, now);
		if (page.length === 0) {
			const to = surveyMachine.take(survey.state, 'sent', new Set(['system']));
			await tx.update(surveys).set({ state: to, updatedAt: now }).where(eq(surveys.id, survey.id));
			await recordEvent(tx, { actor: null, subjectType: 'survey', subjectId: survey.id, kind: 'sent', from: survey.state, to });
			return false;
		}
		for (const occupancy of page) await invite(tx, survey, occupancy, now);
		return true;
	});
}

/** One occupancy's personal link, and the notice that carries it to its people. */
async function invite(
	tx: Tx,
	survey: Survey,
	occupancy: { occupancyId: string; userId: string | null; companyId: string | null; estateId: string; buildingId: string },
	now: Date
): Promise<void> {
	const token = randomString(26);
	const userIds = await partyRecipients(tx, [occupancy]);
	const [first] = userIds.length ? await tx.select({ locale: users.locale }).from(users).where(eq(users.id, userIds[0]!)) : [];
	const [recipient] = await tx
		.insert(surveyRecipients)
		.values({
			surveyId: survey.id,
			occupancyId: occupancy.occupancyId,
			estateId: occupancy.estateId,
			buildingId: occupancy.buildingId,
			tokenHash: hashSecret(token),
			locale: recipientLocale(first?.locale),
			invitedAt: now
		})
		.onConflictDoNothing()
		.returning({ id: surveyRecipients.id });
	// Already given a link (a batch run twice): nothing more to send.
	if (!recipient || userIds.length === 0) return;
	const reference = surveyReference(survey.seq);
	await notify(tx, {
		userIds,
		kind: 'survey.invitation',
		subject: { type: 'survey', id: survey.id },
		link: `/s/${token}`,
		message: (locale) => ({
			title: m.surveys_invitation_title({ title: localText(survey.title, locale) }, { locale }),
			body: m.surveys_invitation_body({ reference }, { locale })
		}),
		channels: ['inbox', 'email']
	});
}

/** The sending job: batches until every occupancy of the audience has its link (at least once: see the file comment). */
export async function runSendJob(payload: SurveySendPayload, context: JobContext): Promise<void> {
	while (await sendBatch(context.db, payload.surveyId, context.now));
}

/** How far the sending has come: links given out of the audience counted when it was sent. */
export async function sendingProgress(surveyId: string): Promise<{ sent: number; total: number }> {
	const [survey] = await db().select({ total: surveys.recipientCount }).from(surveys).where(eq(surveys.id, surveyId));
	const [given] = await db().select({ n: count() }).from(surveyRecipients).where(eq(surveyRecipients.surveyId, surveyId));
	return { sent: given!.n, total: survey?.total ?? 0 };
}
