import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ANNUAL_SURVEY_CODE } from '#lib/surveys/annual-template.ts';
import type { Answers } from '#lib/surveys/definition.ts';
import { resultsOf, type SurveyResultSet } from '#lib/surveys/results.ts';
import type { Actor } from '../auth/actor.ts';
import { db } from '../db/client.ts';
import { notifications, surveyAnswerTags, surveyRecipients, surveyResponses, surveys, surveyTemplates } from '../db/schema/index.ts';
import { readXlsx } from '../reports/xlsx-read.ts';
import { reportXlsx } from '../reports/export.ts';
import * as fx from '../property/testing/fixtures.ts';
import { answerSurvey } from './answering.ts';
import { surveyExport, surveyResults } from './results.ts';
import { createSurvey, sendBatch, sendSurvey } from './sending.ts';
import { closeSurvey } from './staff.ts';
import { tagAnswer, textAnswerPage, untagAnswer } from './tags.ts';
import { ensureDefaultSurveyTemplates } from './templates.ts';

interface Household {
	userId: string;
	name: string;
	buildingId: string;
}

let templateId: string;
let estateId: string;
let otherEstateId: string;
let blockA: string;
let blockB: string;
let manager: Actor;
let desk: Actor;
let security: Actor;
let stranger: Actor;
let admin: Actor;
let households: Household[];

/** A survey from the annual template, sent to the estate; each household's personal link. */
async function sentToEstate({ anonymous = false } = {}): Promise<{ surveyId: string; tokens: Map<string, string> }> {
	const surveyId = await createSurvey(manager, templateId);
	if (anonymous) await db().update(surveys).set({ anonymous }).where(eq(surveys.id, surveyId));
	await sendSurvey(manager, surveyId);
	while (await sendBatch(db(), surveyId));
	const links = await db()
		.select({ userId: notifications.userId, link: notifications.link })
		.from(notifications)
		.where(eq(notifications.subjectId, surveyId));
	return { surveyId, tokens: new Map(links.map((l) => [l.userId, l.link.slice('/s/'.length)])) };
}

async function answer(tokens: Map<string, string>, household: Household, answers: Answers): Promise<void> {
	expect(await answerSurvey(tokens.get(household.userId)!, answers, { submit: true })).toEqual({ outcome: 'submitted' });
}

const grid = (repairs: number, rest = 4) => ({
	customer_service: rest,
	repairs,
	security: rest,
	cleaning: rest,
	greening: rest,
	value: rest
});

// This year's answers: three households of Block A, two of Block B (one of B does not answer).
const given: Answers[] = [
	{
		overall: 5,
		areas: grid(3, 5),
		fees_level: 'about_right',
		recommend: 10,
		improve: ['response'],
		comments: 'The lift is slow in the mornings.'
	},
	{ overall: 4, areas: grid(2), fees_level: 'too_high', recommend: 9, comments: 'Lift again.' },
	{ overall: 2, overall_why: 'Noise from the car park at night.', areas: grid(1, 3), fees_level: 'too_high', recommend: 3 },
	{ overall: 3, areas: grid(3), fees_level: 'about_right', recommend: 7, improve: ['response', 'fees'] }
];

/** A result set with its groups in a fixed order (SQL groups come in any order). */
function sorted(results: SurveyResultSet): SurveyResultSet {
	const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
	return { ...results, byEstate: [...results.byEstate].sort(byId), byBuilding: [...results.byBuilding].sort(byId) };
}

let lastYear: string;
let thisYear: { surveyId: string; tokens: Map<string, string> };

beforeAll(async () => {
	await ensureDefaultSurveyTemplates(db());
	templateId = (await db().select().from(surveyTemplates).where(eq(surveyTemplates.code, ANNUAL_SURVEY_CODE)))[0]!.id;
	const e = await fx.estate();
	estateId = e.id;
	otherEstateId = (await fx.estate()).id;
	const a = await fx.building(e.id, 'A');
	const b = await fx.building(e.id, 'B');
	blockA = a.id;
	blockB = b.id;
	households = [];
	for (const [building, count] of [
		[a, 3],
		[b, 3]
	] as const) {
		for (const unit of await fx.unitsIn(building, count, 'residential')) {
			const name = `Resident ${households.length + 1} 陳`;
			const user = await fx.residentUser(name);
			await fx.occupy(unit.id, { userId: user.id });
			households.push({ userId: user.id, name, buildingId: building.id });
		}
	}
	manager = await fx.staffActor(['manager'], [e.id]);
	desk = await fx.staffActor(['customer_service'], [e.id]);
	security = await fx.staffActor(['security'], [e.id]);
	stranger = await fx.staffActor(['manager'], [otherEstateId]);
	admin = await fx.staffActor(['admin']);

	// Last year's survey: two answers, then closed.
	const previous = await sentToEstate();
	lastYear = previous.surveyId;
	await answer(previous.tokens, households[0]!, { overall: 3, areas: grid(2, 3), fees_level: 'too_high', recommend: 5 });
	await answer(previous.tokens, households[3]!, { overall: 3, areas: grid(4, 3), fees_level: 'too_high', recommend: 9 });
	await closeSurvey(manager, lastYear);

	thisYear = await sentToEstate();
	for (const [i, household] of [households[0]!, households[1]!, households[3]!, households[4]!].entries())
		await answer(thisYear.tokens, household, given[i]!);
});

describe('a survey’s results', () => {
	it('counts in SQL exactly what the rules count from the responses themselves', async () => {
		const data = await surveyResults(manager, thisYear.surveyId);
		const [survey] = await db().select().from(surveys).where(eq(surveys.id, thisYear.surveyId));
		const facts = [0, 1, 2, 3].map((i) => ({ estateId, buildingId: i < 2 ? blockA : blockB, answers: given[i]! }));
		expect(sorted(data.results)).toEqual(sorted(resultsOf(survey!.definition, facts, { targetScore: survey!.targetScore })));
		expect(data.results.responses).toBe(4);
		expect(data.results.nps).toEqual({ count: 4, promoters: 2, passives: 1, detractors: 1, score: 25 });
		expect(data.results.areas.find((a) => a.id === 'areas/repairs')).toMatchObject({ count: 4, mean: 2.25, belowTarget: true });
	});

	it('gives the response rate by estate and by building, with their names', async () => {
		const data = await surveyResults(manager, thisYear.surveyId);
		expect(data.rates.total).toEqual({ recipients: 6, responses: 4, rate: 4 / 6 });
		expect(data.rates.estates).toEqual([
			expect.objectContaining({ id: estateId, name: expect.stringMatching(/^Estate /), recipients: 6, responses: 4 })
		]);
		expect(data.rates.buildings.map((b) => [b.name, b.recipients, b.responses, b.rate])).toEqual([
			['Block A', 3, 2, 2 / 3],
			['Block B', 3, 2, 2 / 3]
		]);
		expect(data.results.byBuilding.find((b) => b.id === blockB)).toMatchObject({ responses: 2, estateId });
	});

	it('compares with last year’s survey, area by area', async () => {
		const data = await surveyResults(manager, thisYear.surveyId);
		expect(data.previous).toMatchObject({ id: lastYear, results: { responses: 2 } });
		const repairs = data.comparison!.areas.find((a) => a.id === 'areas/repairs')!;
		// Last year 2 and 4 → mean 3, index 50; this year 3, 2, 1, 3 → 2.25, index 31.25.
		expect(repairs.index).toEqual({ current: 31.25, previous: 50, change: -18.75 });
		expect(data.comparison!.nps).toEqual({ current: 25, previous: 0, change: 25 });
		expect(data.comparison!.responses).toEqual({ current: 4, previous: 2 });
	});

	it('is the surveys.manage staff’s of the survey’s estates: 404 for another estate’s, 403 without the permission', async () => {
		await expect(surveyResults(stranger, thisYear.surveyId)).rejects.toMatchObject({ status: 404 });
		await expect(surveyResults(security, thisYear.surveyId)).rejects.toMatchObject({ status: 403 });
		await expect(surveyResults(manager, '00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({ status: 404 });
		await expect(surveyResults(manager, 'not-an-id')).rejects.toMatchObject({ status: 404 });
		expect((await surveyResults(desk, thisYear.surveyId)).results.responses).toBe(4);
		expect((await surveyResults(admin, thisYear.surveyId)).results.responses).toBe(4);
	});

	it('shows a draft with nothing counted', async () => {
		const draft = await createSurvey(manager, templateId);
		const data = await surveyResults(manager, draft);
		expect(data.results.responses).toBe(0);
		expect(data.rates.estates).toEqual([]);
		// A draft is compared with the last survey sent from its template.
		expect(data.previous?.id).toBeDefined();
	});
});

describe('free-text answers and their tags', () => {
	it('pages the responses with written answers, newest day first, with every answer’s text', async () => {
		const page = await textAnswerPage(manager, thisYear.surveyId);
		expect(page.total).toBe(3);
		expect(page.entries.flatMap((e) => e.answers.map((a) => a.text)).sort()).toEqual([
			'Lift again.',
			'Noise from the car park at night.',
			'The lift is slow in the mornings.'
		]);
		expect(page.entries[0]).toMatchObject({
			buildingName: expect.stringMatching(/^Block /),
			submittedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)
		});
		expect(page.entries[0]).not.toHaveProperty('recipientId');
		const why = await textAnswerPage(manager, thisYear.surveyId, { questionId: 'overall_why' });
		expect(why.entries.map((e) => e.answers.map((a) => a.questionId))).toEqual([['overall_why']]);
		await expect(textAnswerPage(stranger, thisYear.surveyId)).rejects.toMatchObject({ status: 404 });
	});

	it('tags an answer (trimmed, once), counts the tags per question, filters by tag, and takes a tag off', async () => {
		const page = await textAnswerPage(manager, thisYear.surveyId, { questionId: 'comments' });
		const [first, second] = page.entries;
		await tagAnswer(manager, thisYear.surveyId, { responseId: first!.responseId, questionId: 'comments', tag: '  lift  ' });
		await tagAnswer(desk, thisYear.surveyId, { responseId: first!.responseId, questionId: 'comments', tag: 'lift' });
		await tagAnswer(manager, thisYear.surveyId, { responseId: second!.responseId, questionId: 'comments', tag: 'lift' });
		await tagAnswer(manager, thisYear.surveyId, { responseId: second!.responseId, questionId: 'comments', tag: '電梯 慢' });
		const comments = (await surveyResults(manager, thisYear.surveyId)).results.questions.find((q) => q.id === 'comments');
		expect(comments).toMatchObject({
			kind: 'text',
			answered: 2,
			tags: [
				{ tag: 'lift', count: 2 },
				{ tag: '電梯 慢', count: 1 }
			]
		});
		const lift = await textAnswerPage(manager, thisYear.surveyId, { tag: '電梯 慢' });
		expect(lift.entries.map((e) => e.responseId)).toEqual([second!.responseId]);
		expect(lift.entries[0]!.answers.find((a) => a.questionId === 'comments')!.tags).toEqual(['lift', '電梯 慢']);
		await untagAnswer(manager, thisYear.surveyId, { responseId: second!.responseId, questionId: 'comments', tag: 'lift' });
		expect((await textAnswerPage(manager, thisYear.surveyId, { tag: 'lift' })).total).toBe(1);
	});

	it('refuses an empty or over-long tag at the field, a question that is not a written answer, and another survey’s response', async () => {
		const [entry] = (await textAnswerPage(manager, thisYear.surveyId, { questionId: 'comments' })).entries;
		const base = { responseId: entry!.responseId, questionId: 'comments' };
		await expect(tagAnswer(manager, thisYear.surveyId, { ...base, tag: '   ' })).rejects.toMatchObject({
			field: 'tag',
			message: 'Write a tag.'
		});
		await expect(tagAnswer(manager, thisYear.surveyId, { ...base, tag: 'x'.repeat(41) })).rejects.toMatchObject({ field: 'tag' });
		await tagAnswer(manager, thisYear.surveyId, { ...base, tag: '長'.repeat(40) });
		await expect(tagAnswer(manager, thisYear.surveyId, { ...base, questionId: 'overall', tag: 'x' })).rejects.toMatchObject({
			field: 'questionId'
		});
		await expect(tagAnswer(manager, thisYear.surveyId, { ...base, questionId: 'overall_why', tag: 'x' })).rejects.toMatchObject({
			field: 'questionId'
		});
		await expect(tagAnswer(manager, lastYear, { ...base, tag: 'x' })).rejects.toMatchObject({ status: 404 });
		await expect(tagAnswer(stranger, thisYear.surveyId, { ...base, tag: 'x' })).rejects.toMatchObject({ status: 404 });
		await expect(tagAnswer(security, thisYear.surveyId, { ...base, tag: 'x' })).rejects.toMatchObject({ status: 403 });
		await expect(tagAnswer(manager, thisYear.surveyId, { ...base, responseId: 'nope', tag: 'x' })).rejects.toMatchObject({ status: 404 });
	});
});

describe('the export', () => {
	it('writes one row per response under a column per question and grid row, and the figures', async () => {
		const responses = await surveyExport(manager, thisYear.surveyId, 'responses', 'en');
		const [table] = responses.tables;
		expect(table!.columns.slice(0, 4)).toEqual([
			'Estate',
			'Building',
			'Submitted on',
			'Overall, how satisfied are you with our management services?'
		]);
		expect(table!.rows).toHaveLength(4);
		const repairs = table!.columns.indexOf('How satisfied are you with each service? — Repairs');
		expect(table!.rows.map((row) => row[repairs]).sort()).toEqual([1, 2, 3, 3]);
		const summary = await surveyExport(manager, thisYear.surveyId, 'summary', 'zh-Hant');
		expect(summary.tables.map((t) => t.title)).toEqual(['摘要', '題目', '分佈', '屋苑及大廈', '標籤', '比較']);
		expect(summary.fileName('xlsx')).toMatch(/^survey-S\d{6}-summary\.xlsx$/);
	});
});

describe('anonymous mode', () => {
	it('keeps no person, recipient or name in any response, tag or export row of the survey', async () => {
		const { surveyId, tokens } = await sentToEstate({ anonymous: true });
		await answer(tokens, households[2]!, given[0]!);
		await answer(tokens, households[5]!, given[2]!);
		const [entry] = (await textAnswerPage(manager, surveyId)).entries;
		await tagAnswer(manager, surveyId, { responseId: entry!.responseId, questionId: entry!.answers[0]!.questionId, tag: 'lift' });

		const recipients = await db().select().from(surveyRecipients).where(eq(surveyRecipients.surveyId, surveyId));
		const forbidden = [
			...households.flatMap((h) => [h.userId, h.name]),
			...recipients.flatMap((r) => [r.id, r.occupancyId]),
			...(await db().select().from(notifications).where(eq(notifications.subjectId, surveyId))).map((n) => n.link.slice('/s/'.length))
		];
		const responseRows = await db().select().from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId));
		const tagRows = await db().select().from(surveyAnswerTags).where(eq(surveyAnswerTags.surveyId, surveyId));
		expect(responseRows).toHaveLength(2);
		expect(tagRows).toHaveLength(1);
		expect(responseRows.every((r) => r.recipientId === null)).toBe(true);
		// A tag names the staff member who put it, never the one who answered.
		expect(tagRows[0]!.createdBy).toBe(manager.userId);
		const exported = await surveyExport(manager, surveyId, 'responses', 'en');
		const workbook = readXlsx(await reportXlsx(exported.tables, { title: exported.title }));
		const texts = [
			...responseRows.map((r) => JSON.stringify(r)),
			...tagRows.map((r) => JSON.stringify(r)),
			...workbook.flatMap((sheet) => [...sheet.cells.values()].map(String)),
			JSON.stringify(await surveyResults(manager, surveyId)),
			JSON.stringify(await textAnswerPage(manager, surveyId))
		];
		for (const value of forbidden)
			expect(
				texts.filter((text) => text.includes(value)),
				value
			).toEqual([]);
		// Who has answered is kept apart, on the recipients: two of the six, and no column joins them to a response.
		expect(recipients.filter((r) => r.answeredAt !== null)).toHaveLength(2);
	});
});
