import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '#lib/server/db/client.ts';
import { surveyResponses, surveys } from '#lib/server/db/schema/index.ts';
import { sentSurvey } from '#lib/server/surveys/testing.ts';
import { fakeEvent } from '../../../../tests/request-event.ts';
import { failure, success } from '../../../../tests/action-result.ts';
import { actions, load } from './+page.server.ts';

const view = async (token: string) => {
	const data = await load(fakeEvent({ path: `/s/${token}`, params: { token } }));
	if (data.kind !== 'survey') throw new Error('not a survey link');
	return data.survey;
};
const post = (token: string, action: 'save' | 'submit', form: Record<string, string | string[]>) =>
	actions[action](fakeEvent({ path: `/s/${token}?/${action}`, params: { token }, form }));

const complete = {
	'q.overall': '4',
	'q.areas.customer_service': '4',
	'q.areas.repairs': '3',
	'q.areas.security': '5',
	'q.areas.cleaning': '4',
	'q.areas.greening': '4',
	'q.areas.value': '3',
	'q.fees_level': 'about_right',
	'q.recommend': '9',
	'q.improve': ['response', 'fees']
};

describe('/s/[token]: the survey answered by its personal link, as a plain form', () => {
	it('saves part of it, shows it again from the link, refuses a bad submission at its questions keeping what was typed, then takes one submission', async () => {
		const { surveyId, token } = await sentSurvey();
		expect((await view(token)).status).toBe('open');
		expect(success(await post(token, 'save', { 'q.overall': '2', 'q.overall_why': 'The lift' })).survey).toEqual({ outcome: 'saved' });
		expect((await view(token)).answers).toEqual({ overall: 2, overall_why: 'The lift' });

		const refused = failure(await post(token, 'submit', { ...complete, 'q.recommend': '11', 'q.fees_level': '' }));
		expect(refused.status).toBe(400);
		expect(refused.data.survey).toMatchObject({
			outcome: 'refused',
			problems: { recommend: 'out_of_range', fees_level: 'required' },
			answers: { recommend: 11, improve: ['response', 'fees'] }
		});

		expect(success(await post(token, 'submit', complete)).survey).toEqual({ outcome: 'submitted' });
		expect(success(await post(token, 'submit', complete)).survey).toEqual({ outcome: 'answered' });
		expect(await db().select().from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId))).toHaveLength(1);
		expect(await view(token)).toMatchObject({ status: 'answered', answers: { recommend: 9, fees_level: 'about_right' } });
	});

	it('keeps what was typed when the survey closed before it was sent, storing nothing', async () => {
		const { surveyId, token } = await sentSurvey({ closesAt: new Date(Date.now() + 60_000) });
		await db().update(surveys).set({ state: 'closed' }).where(eq(surveys.id, surveyId));
		const late = success(await post(token, 'submit', { ...complete, 'q.comments': 'Thank you for the new lobby lights.' }));
		expect(late.survey).toMatchObject({ outcome: 'closed', answers: { overall: 4, comments: 'Thank you for the new lobby lights.' } });
		expect(await db().select().from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId))).toHaveLength(0);
	});
});
