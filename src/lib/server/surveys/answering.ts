/**
 * Answering a survey by its personal link (the link is the whole authority, as for the callback
 * evaluation): the answers are saved as the person goes, so the same link resumes them on another
 * device; submitting stores one response per recipient, once — a second submission is refused
 * politely (and, for a named survey, the first is shown). Nothing is stored that checkAnswers
 * refuses, and what was typed comes back with the problems.
 *
 * Anonymous mode: the response is written without its recipient and with its day only, and the
 * saved answers are deleted, so the recipient marked as answered and the answers share no column.
 */
import { error } from '@sveltejs/kit';
import { eq, or } from 'drizzle-orm';
import { checkAnswers, type Answers, type AnswerProblem, type SurveyDefinition, type LocalText } from '#lib/surveys/definition.ts';
import { businessToday } from '#lib/time/index.ts';
import { hashSecret } from '../auth/tokens.ts';
import { db, type Executor } from '../db/client.ts';
import { estates, surveyDrafts, surveyRecipients, surveyResponses, surveys } from '../db/schema/index.ts';
import { isUuid } from '../kernel/ids.ts';
import { isUniqueViolation } from '../kernel/unique-violation.ts';

/** The shape of the links sending.ts gives out: 26 symbols of tokens.ts's alphabet. */
const TOKEN_PATTERN = /^[a-km-np-z2-9]{26}$/;

function isSurveyToken(value: string): boolean {
	return TOKEN_PATTERN.test(value);
}

export type SurveyLinkStatus = 'open' | 'answered' | 'closed' | 'not_yet_open';

export interface SurveyLink {
	status: SurveyLinkStatus;
	title: LocalText;
	definition: SurveyDefinition;
	anonymous: boolean;
	/** Saved as the person went (open), or the response given (answered, named surveys only). */
	answers: Answers;
	locale: string;
}

/** A recipient as found by its link (the link is the authority), or by id (portal.ts checked who asks). */
type RecipientKey = { token: string } | { recipientId: string };

function keyWhere(key: RecipientKey) {
	if ('recipientId' in key) {
		if (!isUuid(key.recipientId)) error(404, 'Not found');
		return eq(surveyRecipients.id, key.recipientId);
	}
	if (!isSurveyToken(key.token)) error(404, 'Not found');
	// The emailed link or the printed letter's (letters.ts): either opens the same answers.
	const hash = hashSecret(key.token);
	return or(eq(surveyRecipients.tokenHash, hash), eq(surveyRecipients.letterTokenHash, hash));
}

async function findRecipient(executor: Executor, key: RecipientKey, { forUpdate = false } = {}) {
	const query = executor
		.select({ recipient: surveyRecipients, survey: surveys, timeZone: estates.timeZone })
		.from(surveyRecipients)
		.innerJoin(surveys, eq(surveys.id, surveyRecipients.surveyId))
		.innerJoin(estates, eq(estates.id, surveyRecipients.estateId))
		.where(keyWhere(key));
	const [row] = forUpdate ? await query.for('update', { of: surveyRecipients }) : await query;
	return row;
}

function statusOf(row: NonNullable<Awaited<ReturnType<typeof findRecipient>>>, now: Date): SurveyLinkStatus {
	if (row.recipient.answeredAt) return 'answered';
	if (row.survey.state === 'closed' || (row.survey.closesAt && row.survey.closesAt <= now)) return 'closed';
	if (row.survey.state !== 'open' || (row.survey.opensAt && row.survey.opensAt > now)) return 'not_yet_open';
	return 'open';
}

/** What the link shows: the survey with the answers saved so far, or why it cannot be answered. 404 for no such link. */
export function surveyLink(token: string, now = new Date()): Promise<SurveyLink> {
	return recipientView({ token }, now);
}

/** The survey as a recipient sees it (the portal finds the recipient by id, once it checked who asks: portal.ts). */
export async function recipientView(key: RecipientKey, now = new Date()): Promise<SurveyLink> {
	const row = await findRecipient(db(), key);
	if (!row) error(404, 'Not found');
	const status = statusOf(row, now);
	let answers: Answers = {};
	if (status === 'answered' && !row.survey.anonymous) {
		const [response] = await db()
			.select({ answers: surveyResponses.answers })
			.from(surveyResponses)
			.where(eq(surveyResponses.recipientId, row.recipient.id));
		answers = response?.answers ?? {};
	} else if (status === 'open') {
		const [draft] = await db()
			.select({ answers: surveyDrafts.answers })
			.from(surveyDrafts)
			.where(eq(surveyDrafts.recipientId, row.recipient.id));
		answers = draft?.answers ?? {};
	}
	return {
		status,
		title: row.survey.title,
		definition: row.survey.definition,
		anonymous: row.survey.anonymous,
		answers,
		locale: row.recipient.locale
	};
}

export type AnswerOutcome =
	| { outcome: 'saved' | 'submitted' }
	| { outcome: 'refused'; problems: Record<string, AnswerProblem>; answers: Answers }
	| { outcome: 'answered' }
	/** Too late (or too early): nothing is stored, and what was typed comes back to be read. */
	| { outcome: 'closed' | 'not_yet_open'; answers: Answers };

/**
 * Saves the answers given so far (`submit: false`), or submits them. Answers that pass are saved
 * even when others are refused; the refused ones come back with what was typed. A link that is
 * answered, closed or not yet open changes nothing and says so.
 */
export function answerSurvey(token: string, given: Answers, options: { submit: boolean; now?: Date }): Promise<AnswerOutcome> {
	return answerAs({ token }, given, options);
}

/** Saving or submitting as a recipient (by link, or by id once portal.ts checked who asks). */
export async function answerAs(
	key: RecipientKey,
	given: Answers,
	{ submit, now = new Date() }: { submit: boolean; now?: Date }
): Promise<AnswerOutcome> {
	keyWhere(key);
	try {
		return await db().transaction(async (tx): Promise<AnswerOutcome> => {
			const row = await findRecipient(tx, key, { forUpdate: true });
			if (!row) error(404, 'Not found');
			const status = statusOf(row, now);
			if (status === 'answered') return { outcome: status };
			if (status !== 'open') return { outcome: status, answers: given };
			const checked = checkAnswers(row.survey.definition, given, { submit });
			const refused = Object.keys(checked.problems).length > 0;
			if (!submit || refused) {
				await tx
					.insert(surveyDrafts)
					.values({ recipientId: row.recipient.id, answers: checked.answers, updatedAt: now })
					.onConflictDoUpdate({ target: surveyDrafts.recipientId, set: { answers: checked.answers, updatedAt: now } });
				return refused ? { outcome: 'refused', problems: checked.problems, answers: given } : { outcome: 'saved' };
			}
			await tx.insert(surveyResponses).values({
				surveyId: row.survey.id,
				recipientId: row.survey.anonymous ? null : row.recipient.id,
				estateId: row.recipient.estateId,
				buildingId: row.recipient.buildingId,
				answers: checked.answers,
				submittedOn: businessToday({ timeZone: row.timeZone }, now)
			});
			await tx.update(surveyRecipients).set({ answeredAt: now }).where(eq(surveyRecipients.id, row.recipient.id));
			await tx.delete(surveyDrafts).where(eq(surveyDrafts.recipientId, row.recipient.id));
			return { outcome: 'submitted' };
		});
	} catch (err) {
		// Two submissions racing past the check: the unique index keeps one, the other is "answered".
		if (isUniqueViolation(err)) return { outcome: 'answered' };
		throw err;
	}
}
