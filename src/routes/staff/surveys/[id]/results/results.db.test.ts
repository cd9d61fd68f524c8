import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Actor } from '#lib/server/auth/actor.ts';
import { db } from '#lib/server/db/client.ts';
import { surveyAnswerTags, surveys } from '#lib/server/db/schema/index.ts';
import * as fx from '#lib/server/property/testing/fixtures.ts';
import { answerSurvey } from '#lib/server/surveys/answering.ts';
import { sentSurvey } from '#lib/server/surveys/testing.ts';
import { fakeEvent, thrown } from '../../../../../../tests/request-event.ts';
import { actions, load } from './+page.server.ts';

let manager: Actor;
let stranger: Actor;
let surveyId: string;

beforeAll(async () => {
	const sent = await sentSurvey();
	surveyId = sent.surveyId;
	const [survey] = await db().select().from(surveys).where(eq(surveys.id, surveyId));
	manager = await fx.staffActor(['manager'], survey!.audience.estateIds);
	stranger = await fx.staffActor(['manager'], [(await fx.estate()).id]);
	const answers = {
		overall: 2,
		overall_why: 'The lift',
		areas: { customer_service: 4, repairs: 2, security: 5, cleaning: 4, greening: 4, value: 3 },
		fees_level: 'about_right',
		recommend: 9
	};
	expect(await answerSurvey(sent.token, answers, { submit: true })).toEqual({ outcome: 'submitted' });
});

const path = (query = '') => `/staff/surveys/${surveyId}/results${query}`;
const pageOf = (actor: Actor, query = '') => load(fakeEvent({ actor, path: path(query), params: { id: surveyId } }));
const post = (action: 'tag' | 'untag', actor: Actor, form: Record<string, string>, query = '') =>
	actions[action](fakeEvent({ actor, path: path(`${query}${query ? '&' : '?'}/${action}`), params: { id: surveyId }, form }));

describe('/staff/surveys/[id]/results', () => {
	it('shows the figures, the response rate and the written answers, without the survey’s definition', async () => {
		const data = await pageOf(manager);
		expect(data.results.responses).toBe(1);
		expect(data.rates.total).toMatchObject({ recipients: 1, responses: 1 });
		expect(data.results.areas.filter((a) => a.belowTarget).map((a) => a.id)).toEqual(['overall', 'areas/repairs', 'areas/value']);
		expect(data.answers.entries.map((e) => e.answers.map((a) => a.text))).toEqual([['The lift']]);
		expect(data.survey).not.toHaveProperty('definition');
		expect((await thrown(() => pageOf(stranger))).status).toBe(404);
	});

	it('tags an answer and comes back to the same page of answers, at the answer', async () => {
		const responseId = (await pageOf(manager)).answers.entries[0]!.responseId;
		const form = { responseId, questionId: 'overall_why', tag: ' lift ' };
		const redirect = await thrown(() => post('tag', manager, form, '?question=overall_why'));
		expect(redirect).toMatchObject({ status: 303, location: `${path()}?question=overall_why&done=tag#answer-${responseId}` });
		expect((await db().select().from(surveyAnswerTags).where(eq(surveyAnswerTags.responseId, responseId))).map((t) => t.tag)).toEqual([
			'lift'
		]);
		const data = await pageOf(manager, '?tag=lift');
		expect(data.answers.entries[0]!.answers[0]!.tags).toEqual(['lift']);
		expect(data.results.questions.find((q) => q.id === 'overall_why')).toMatchObject({ tags: [{ tag: 'lift', count: 1 }] });
		await thrown(() => post('untag', manager, { ...form, tag: 'lift' }));
		expect(await db().select().from(surveyAnswerTags).where(eq(surveyAnswerTags.responseId, responseId))).toEqual([]);
	});

	it('gives a refused tag back beside its answer, with what was typed', async () => {
		const responseId = (await pageOf(manager)).answers.entries[0]!.responseId;
		const result = await post('tag', manager, { responseId, questionId: 'overall_why', tag: 'x'.repeat(41) });
		expect(result).toMatchObject({
			status: 400,
			data: { step: 'tag', errors: { tag: 'A tag is at most 40 characters.' }, values: { responseId, tag: 'x'.repeat(41) } }
		});
		expect((await thrown(() => post('tag', stranger, { responseId, questionId: 'overall_why', tag: 'x' }))).status).toBe(404);
	});
});
