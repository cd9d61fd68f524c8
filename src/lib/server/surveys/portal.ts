/**
 * Answering in the portal (rule 7: "answerable in the portal, by link, and later in the widget"):
 * a signed-in resident sees the surveys sent to the occupancies it holds today — in person, or as
 * an admin of the occupying company (the one who was sent the company's link) — and answers the
 * same recipient the link answers: one response per occupancy, whichever way it comes. Per-person
 * surveys: only the person's own link. Anything else is 404, as for any record not one's own.
 */
import { error } from '@sveltejs/kit';
import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import { surveyReference } from '#lib/references.ts';
import type { Answers } from '#lib/surveys/definition.ts';
import type { Actor } from '../auth/actor.ts';
import { requireResident } from '../auth/guards.ts';
import { db } from '../db/client.ts';
import { estates, surveyRecipients, surveys } from '../db/schema/index.ts';
import { actorOccupancies } from '../property/occupancy.ts';
import { answerAs, recipientView, type AnswerOutcome, type SurveyLink } from './answering.ts';

/** The occupancies the actor answers for: held in person, or through a company it is an admin of. */
async function answeringOccupancies(actor: Actor): Promise<string[]> {
	const admin = new Set(actor.companies.filter((c) => c.role === 'admin').map((c) => c.companyId));
	return (await actorOccupancies(db(), actor))
		.filter((o) => o.userId === actor.userId || (o.companyId && admin.has(o.companyId)))
		.map((o) => o.id);
}

function mine(actor: Actor, occupancyIds: string[]) {
	return and(
		inArray(surveyRecipients.occupancyId, occupancyIds),
		or(isNull(surveyRecipients.userId), eq(surveyRecipients.userId, actor.userId)),
		inArray(surveys.state, ['open', 'closed'])
	);
}

/** The surveys sent to the actor's occupancies, newest first, with whether each waits for an answer. */
export async function mySurveys(actor: Actor, now = new Date()) {
	requireResident(actor);
	const occupancyIds = await answeringOccupancies(actor);
	if (occupancyIds.length === 0) return [];
	const rows = await db()
		.select({
			recipientId: surveyRecipients.id,
			answeredAt: surveyRecipients.answeredAt,
			seq: surveys.seq,
			title: surveys.title,
			state: surveys.state,
			closesAt: surveys.closesAt,
			timeZone: estates.timeZone
		})
		.from(surveyRecipients)
		.innerJoin(surveys, eq(surveys.id, surveyRecipients.surveyId))
		.innerJoin(estates, eq(estates.id, surveyRecipients.estateId))
		.where(mine(actor, occupancyIds))
		.orderBy(desc(surveys.seq))
		.limit(50);
	return rows.map((r) => ({
		...r,
		reference: surveyReference(r.seq),
		waiting: !r.answeredAt && r.state === 'open' && (!r.closesAt || r.closesAt > now)
	}));
}

async function requireMine(actor: Actor, recipientId: string): Promise<void> {
	requireResident(actor);
	const occupancyIds = await answeringOccupancies(actor);
	const [found] = occupancyIds.length
		? await db()
				.select({ id: surveyRecipients.id })
				.from(surveyRecipients)
				.innerJoin(surveys, eq(surveys.id, surveyRecipients.surveyId))
				.where(and(eq(surveyRecipients.id, recipientId), mine(actor, occupancyIds)))
		: [];
	if (!found) error(404, 'Not found');
}

/** One of the actor's surveys as the link would show it. */
export async function mySurvey(actor: Actor, recipientId: string): Promise<SurveyLink> {
	await requireMine(actor, recipientId);
	return recipientView({ recipientId });
}

/** Saves or submits the actor's answers to one of its surveys (the link's rules: once, checked, resumable). */
export async function answerMySurvey(
	actor: Actor,
	recipientId: string,
	answers: Answers,
	options: { submit: boolean }
): Promise<AnswerOutcome> {
	await requireMine(actor, recipientId);
	return answerAs({ recipientId }, answers, options);
}
