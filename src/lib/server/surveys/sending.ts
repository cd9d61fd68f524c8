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
import { m } from '#lib/paraglide/messages.js';
import { surveyReference } from '#lib/references.ts';
import { validateDefinition } from '#lib/surveys/builder.ts';
import { localText } from '#lib/surveys/definition.ts';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { hashSecret, randomString } from '../auth/tokens.ts';
import { db, type Db, type Tx } from '../db/client.ts';
import { companyMembers, surveyRecipients, surveys, surveyTemplates, users } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { scheduleJob, type JobContext } from '../jobs/queue.ts';
import { isUuid } from '../kernel/ids.ts';
import { InputError } from '../kernel/input-error.ts';
import { notifyAll, recipientLocale, type NotifyInput, type Told } from '../notify/notify.ts';
import { fileCorrespondence } from '../archive/correspondence.ts';
import { partyRecipients } from '../fees/parties.ts';
import { audiencePage, audienceSize } from './audience.ts';
import { lockSurvey, type Survey } from './access.ts';
import { surveyMachine, type SurveyCapacity } from './machine.ts';
import { scheduleOpenSurvey } from './schedule.ts';
// The survey's event kinds (declaration merging into events/kinds.ts).
import './event-kinds.ts';

const SEND_JOB = 'surveys.send';
const BATCH = 500;
/** Batches one run of the job writes (10 000 links, about a minute): then the next run goes on. */
const RUN_BATCHES = 20;

export interface SurveySendPayload {
	surveyId: string;
}

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

/** Sends the draft: freezes it, counts its audience and starts the sending job. An empty audience is refused. */
export async function sendSurvey(actor: Actor, surveyId: string, now = new Date()): Promise<void> {
	requireStaff(actor, 'surveys.manage');
	await db().transaction(async (tx) => {
		const survey = await lockSurvey(tx, actor, surveyId);
		const to = surveyMachine.take(survey.state, 'send', EDITOR, m.surveys_moved_on());
		// The builder keeps drafts whole; this is the second guard before anything is sent.
		if (validateDefinition(survey.definition).length > 0) throw new InputError('definition', m.surveys_definition_incomplete());
		const size = await audienceSize(tx, survey.audience, survey.respondent, now);
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
			// Sent for a later morning: the links go out then (the survey waits in 'sending').
			runAt: survey.opensAt && survey.opensAt > now ? survey.opensAt : now,
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
			await scheduleOpenSurvey(tx, survey, now);
			return false;
		}
		const notices: NotifyInput[] = [];
		const noticeOccupancy: AudienceRow[] = [];
		for (const occupancy of page) {
			for (const notice of await invite(tx, survey, occupancy, now)) {
				notices.push(notice);
				noticeOccupancy.push(occupancy);
			}
		}
		// One delivery job per batch, not one per household: a mass sending must not queue
		// thousands of jobs ahead of everyone else's mail.
		const { told } = await notifyAll(tx, notices);
		// Each household's invitation is filed in its unit's file with to whom and how it went (a
		// printed letter is filed when printed: letters.ts).
		const delivered = new Map<AudienceRow, Told[]>();
		noticeOccupancy.forEach((occupancy, i) => delivered.set(occupancy, [...(delivered.get(occupancy) ?? []), ...told[i]!]));
		const summary = { reference: surveyReference(survey.seq), title: localText(survey.title, 'en') };
		for (const [occupancy, delivery] of delivered) {
			await fileCorrespondence(tx, {
				unitId: occupancy.unitId,
				occupancyId: occupancy.occupancyId,
				kind: 'letter',
				sourceType: 'survey',
				sourceId: survey.id,
				summary,
				delivery
			});
		}
		return true;
	});
}

type AudienceRow = {
	occupancyId: string;
	unitId: string;
	userId: string | null;
	companyId: string | null;
	estateId: string;
	buildingId: string;
};

/**
 * One occupancy's personal link and the notice that carries it to its people; when the survey
 * asks per person, one link for each of them (an occupant in person, each member of a company).
 */
async function invite(tx: Tx, survey: Survey, occupancy: AudienceRow, now: Date): Promise<NotifyInput[]> {
	if (survey.respondent === 'occupancy') {
		const notice = await inviteOne(tx, survey, occupancy, null, await partyRecipients(tx, [occupancy]), now);
		return notice ? [notice] : [];
	}
	const people = occupancy.userId
		? [occupancy.userId]
		: (
				await tx.select({ userId: companyMembers.userId }).from(companyMembers).where(eq(companyMembers.companyId, occupancy.companyId!))
			).map((member) => member.userId);
	const notices: NotifyInput[] = [];
	for (const userId of people) {
		const notice = await inviteOne(tx, survey, occupancy, userId, [userId], now);
		if (notice) notices.push(notice);
	}
	return notices;
}

async function inviteOne(
	tx: Tx,
	survey: Survey,
	occupancy: AudienceRow,
	personId: string | null,
	userIds: string[],
	now: Date
): Promise<NotifyInput | null> {
	const token = randomString(26);
	const people = userIds.length
		? await tx.select({ locale: users.locale, email: users.email, disabled: users.disabled }).from(users).where(inArray(users.id, userIds))
		: [];
	const [recipient] = await tx
		.insert(surveyRecipients)
		.values({
			surveyId: survey.id,
			occupancyId: occupancy.occupancyId,
			userId: personId,
			estateId: occupancy.estateId,
			buildingId: occupancy.buildingId,
			tokenHash: hashSecret(token),
			locale: recipientLocale(people[0]?.locale),
			// Nobody to email (no account, no address, accounts disabled): the office prints a letter (letters.ts).
			emailed: people.some((p) => p.email !== '' && !p.disabled),
			invitedAt: now
		})
		.onConflictDoNothing()
		.returning({ id: surveyRecipients.id });
	// Already given a link (a batch run twice): nothing more to send.
	if (!recipient || userIds.length === 0) return null;
	const reference = surveyReference(survey.seq);
	return {
		userIds,
		kind: 'survey.invitation',
		subject: { type: 'survey', id: survey.id },
		link: `/s/${token}`,
		message: (locale) => ({
			title: m.surveys_invitation_title({ title: localText(survey.title, locale) }, { locale }),
			body: m.surveys_invitation_body({ reference }, { locale })
		}),
		channels: ['inbox', 'email']
	};
}

/**
 * The sending job: batches until every occupancy of the audience has its link (at least once: see
 * the file comment) — at most RUN_BATCHES in one run, then a new run goes on from there, so one run
 * stays well inside a job's lease however large the audience.
 */
export async function runSendJob(payload: SurveySendPayload, context: JobContext): Promise<void> {
	for (let batches = 0; batches < RUN_BATCHES; batches++) {
		if (!(await sendBatch(context.db, payload.surveyId, context.now))) return;
	}
	await scheduleJob(context.db, { kind: SEND_JOB, payload, runAt: context.now });
}

/** How far the sending has come: links given out of the audience counted when it was sent. */
export async function sendingProgress(surveyId: string): Promise<{ sent: number; total: number }> {
	const [survey] = await db().select({ total: surveys.recipientCount }).from(surveys).where(eq(surveys.id, surveyId));
	const [given] = await db().select({ n: count() }).from(surveyRecipients).where(eq(surveyRecipients.surveyId, surveyId));
	return { sent: given!.n, total: survey?.total ?? 0 };
}
