/**
 * The free-text answers of a survey's results, a page at a time (newest day first), and the tags
 * staff put on them ("lift", "noise") to count what people wrote about. Tags are working notes:
 * no event is recorded for them. An answer is shown with its estate, building and day only — never
 * who wrote it (anonymous responses have no recipient; named ones are shown the same way).
 */
import { error } from '@sveltejs/kit';
import { and, asc, count, desc, eq, exists, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import type { LocalText } from '#lib/surveys/definition.ts';
import { textAnswersOf, textQuestionIds } from '#lib/surveys/results.ts';
import type { Actor } from '../auth/actor.ts';
import { db } from '../db/client.ts';
import { buildings, estates, surveyAnswerTags, surveyResponses } from '../db/schema/index.ts';
import { isUuid } from '../kernel/ids.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { inScope, resultsSurvey } from './results.ts';

/** Responses per page of free-text answers. */
const TEXT_PAGE_SIZE = 20;

/** The longest tag, in characters. */
const TAG_MAX = 40;

export interface TextAnswerEntry {
	responseId: string;
	estateName: string;
	buildingName: string;
	/** The day it came in (YYYY-MM-DD, in the estate's zone). */
	submittedOn: string;
	answers: { questionId: string; text: string; tags: string[] }[];
}

export interface TextAnswerPage {
	/** The survey's free-text questions. */
	questions: { id: string; text: LocalText }[];
	entries: TextAnswerEntry[];
	/** Responses with a free-text answer that the filters keep. */
	total: number;
	page: number;
	pages: number;
	questionId: string | null;
	tag: string | null;
	/** Every tag used on this survey (for suggestions and the filter), most used first. */
	tags: { tag: string; count: number }[];
}

/**
 * A page of responses with free-text answers, newest day first (within a day in no meaningful
 * order), with their tags; filtered to one question and/or one tag. A page past the end shows the last.
 */
export async function textAnswerPage(
	actor: Actor,
	surveyId: string,
	{ page = 1, questionId = null, tag = null }: { page?: number; questionId?: string | null; tag?: string | null } = {}
): Promise<TextAnswerPage> {
	const survey = await resultsSurvey(actor, surveyId);
	const textIds = textQuestionIds(survey.definition);
	const questions = survey.definition.sections.flatMap((s) =>
		s.questions.filter((q) => q.kind === 'text').map((q) => ({ id: q.id, text: q.text }))
	);
	const question = questionId && textIds.includes(questionId) ? questionId : null;
	const wanted = question ? [question] : textIds;
	const r = surveyResponses;
	const t = surveyAnswerTags;
	const scope = inScope(r.estateId, actor.estateIds);
	const tags = await db()
		.select({ tag: t.tag, count: count() })
		.from(t)
		.innerJoin(r, eq(r.id, t.responseId))
		.where(and(eq(t.surveyId, survey.id), scope))
		.groupBy(t.tag)
		.orderBy(sql`count(*) desc`, asc(t.tag));
	const empty = { questions, entries: [], total: 0, page: 1, pages: 1, questionId: question, tag };
	if (wanted.length === 0) return { ...empty, tags };
	const where = and(
		eq(r.surveyId, survey.id),
		scope,
		or(...wanted.map((id) => sql`${r.answers} ->> ${id}::text is not null`)),
		tag
			? exists(
					db()
						.select({ one: sql`1` })
						.from(t)
						.where(and(eq(t.responseId, r.id), eq(t.tag, tag), question ? eq(t.questionId, question) : undefined))
				)
			: undefined
	);
	const [{ total } = { total: 0 }] = await db().select({ total: count() }).from(r).where(where);
	const pages = Math.max(1, Math.ceil(total / TEXT_PAGE_SIZE));
	const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
	if (total === 0) return { ...empty, tags };
	const rows = await db()
		.select({ id: r.id, answers: r.answers, submittedOn: r.submittedOn, estateName: estates.name, buildingName: buildings.name })
		.from(r)
		.innerJoin(estates, eq(estates.id, r.estateId))
		.innerJoin(buildings, eq(buildings.id, r.buildingId))
		.where(where)
		.orderBy(desc(r.submittedOn), desc(r.id))
		.limit(TEXT_PAGE_SIZE)
		.offset((current - 1) * TEXT_PAGE_SIZE);
	const onPage = rows.length
		? await db()
				.select({ responseId: t.responseId, questionId: t.questionId, tag: t.tag })
				.from(t)
				.where(
					inArray(
						t.responseId,
						rows.map((row) => row.id)
					)
				)
				.orderBy(asc(t.tag))
		: [];
	return {
		questions,
		entries: rows.map((row) => ({
			responseId: row.id,
			estateName: row.estateName,
			buildingName: row.buildingName,
			submittedOn: row.submittedOn,
			answers: textAnswersOf(survey.definition, row.answers)
				.filter((a) => wanted.includes(a.questionId))
				.map((a) => ({
					...a,
					tags: onPage.filter((x) => x.responseId === row.id && x.questionId === a.questionId).map((x) => x.tag)
				}))
		})),
		total,
		page: current,
		pages,
		questionId: question,
		tag,
		tags
	};
}

/** A tag as kept: trimmed, runs of spaces made one. */
const tagText = z
	.string({ error: () => m.survey_results_tag_required() })
	.transform((value) => value.trim().replace(/\s+/g, ' '))
	.refine((value) => value.length > 0, { error: () => m.survey_results_tag_required() })
	.refine((value) => [...value].length <= TAG_MAX, { error: () => m.survey_results_tag_too_long({ max: TAG_MAX }) });

const tagSchema = z.object({
	responseId: z.string({ error: () => m.survey_results_tag_answer_gone() }),
	questionId: z.string({ error: () => m.survey_results_tag_answer_gone() }),
	tag: tagText
});

/**
 * The response and free-text question a tag names, checked: the response must be this survey's and
 * in the staff member's estates (404 otherwise), the question one of its free-text questions that
 * the response answered.
 */
async function taggedAnswer(actor: Actor, surveyId: string, input: unknown) {
	const survey = await resultsSurvey(actor, surveyId);
	const form = parseInput(tagSchema, input);
	if (!isUuid(form.responseId)) error(404, 'Not found');
	const [response] = await db()
		.select({ id: surveyResponses.id, answers: surveyResponses.answers })
		.from(surveyResponses)
		.where(
			and(
				eq(surveyResponses.id, form.responseId),
				eq(surveyResponses.surveyId, survey.id),
				inScope(surveyResponses.estateId, actor.estateIds)
			)
		);
	if (!response) error(404, 'Not found');
	if (!textAnswersOf(survey.definition, response.answers).some((a) => a.questionId === form.questionId)) {
		throw new InputError('questionId', m.survey_results_tag_answer_gone());
	}
	return { survey, form };
}

/** Puts a tag on a free-text answer (once: the same tag again changes nothing). */
export async function tagAnswer(actor: Actor, surveyId: string, input: unknown): Promise<void> {
	const { survey, form } = await taggedAnswer(actor, surveyId, input);
	await db()
		.insert(surveyAnswerTags)
		.values({ surveyId: survey.id, responseId: form.responseId, questionId: form.questionId, tag: form.tag, createdBy: actor.userId })
		.onConflictDoNothing();
}

/** Takes a tag off a free-text answer (a tag it does not carry: nothing changes). */
export async function untagAnswer(actor: Actor, surveyId: string, input: unknown): Promise<void> {
	const { survey, form } = await taggedAnswer(actor, surveyId, input);
	await db()
		.delete(surveyAnswerTags)
		.where(
			and(
				eq(surveyAnswerTags.surveyId, survey.id),
				eq(surveyAnswerTags.responseId, form.responseId),
				eq(surveyAnswerTags.questionId, form.questionId),
				eq(surveyAnswerTags.tag, form.tag)
			)
		);
}
