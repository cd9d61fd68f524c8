import { beforeAll, describe, expect, it } from 'vitest';
import { eq, getTableColumns } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { surveyDrafts, surveyRecipients, surveyResponses, surveys } from '../db/schema/index.ts';
import { annualAnswers, sentSurvey } from './testing.ts';
import { answerSurvey, surveyLink } from './answering.ts';

const complete = annualAnswers;

describe('answering by the personal link', () => {
	let named: { surveyId: string; token: string };
	beforeAll(async () => {
		named = await sentSurvey();
	});

	it('saves part of the answers as the resident goes, and the same link resumes them', async () => {
		expect((await surveyLink(named.token)).status).toBe('open');
		expect(await answerSurvey(named.token, { overall: 2, overall_why: 'The lift' }, { submit: false })).toEqual({ outcome: 'saved' });
		expect((await surveyLink(named.token)).answers).toEqual({ overall: 2, overall_why: 'The lift' });
	});

	it('refuses a submission with a required question missing, an out-of-range score or a tampered id, keeping what was typed', async () => {
		const given = { ...complete, recommend: 12, fees_level: undefined as unknown as string, bonus: 'x' };
		const outcome = await answerSurvey(named.token, given, { submit: true });
		expect(outcome).toMatchObject({
			outcome: 'refused',
			problems: { recommend: 'out_of_range', fees_level: 'required', bonus: 'unknown_question' }
		});
		expect(outcome).toMatchObject({ answers: { recommend: 12, bonus: 'x' } });
		// What passed is saved for later; nothing was submitted.
		expect((await surveyLink(named.token)).answers).toMatchObject({ overall: 4 });
		expect(await db().select().from(surveyResponses).where(eq(surveyResponses.surveyId, named.surveyId))).toHaveLength(0);
	});

	it('takes one submission, then refuses a second politely and shows the first', async () => {
		expect(await answerSurvey(named.token, complete, { submit: true })).toEqual({ outcome: 'submitted' });
		expect(await answerSurvey(named.token, { ...complete, recommend: 0 }, { submit: true })).toEqual({ outcome: 'answered' });
		const link = await surveyLink(named.token);
		expect(link.status).toBe('answered');
		expect(link.answers).toMatchObject({ recommend: 9 });
		expect(await db().select().from(surveyResponses).where(eq(surveyResponses.surveyId, named.surveyId))).toHaveLength(1);
	});

	it('says a closed survey is closed, and a link that is no link is 404', async () => {
		const other = await sentSurvey();
		await db().update(surveys).set({ state: 'closed' }).where(eq(surveys.id, other.surveyId));
		expect(await answerSurvey(other.token, complete, { submit: true })).toEqual({ outcome: 'closed', answers: complete });
		await expect(surveyLink('abcdefghijkmnpqrstuvwxyz23')).rejects.toMatchObject({ status: 404 });
		await expect(surveyLink('../../etc/passwd')).rejects.toMatchObject({ status: 404 });
	});
});

describe('anonymous mode', () => {
	it('stores the response without its recipient, with its day only, and deletes the saved answers', async () => {
		const { surveyId, token } = await sentSurvey({ anonymous: true });
		await answerSurvey(token, { overall: 5 }, { submit: false });
		expect(await answerSurvey(token, complete, { submit: true })).toEqual({ outcome: 'submitted' });
		const [response] = await db().select().from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId));
		expect(response!.recipientId).toBeNull();
		expect(Object.keys(getTableColumns(surveyResponses)).sort()).toEqual([
			'answers',
			'buildingId',
			'estateId',
			'id',
			'recipientId',
			'submittedOn',
			'surveyId'
		]);
		const [recipient] = await db().select().from(surveyRecipients).where(eq(surveyRecipients.surveyId, surveyId));
		expect(recipient!.answeredAt).not.toBeNull();
		expect(await db().select().from(surveyDrafts).where(eq(surveyDrafts.recipientId, recipient!.id))).toHaveLength(0);
		// The link says it is answered, and shows nothing of the answers.
		expect(await surveyLink(token)).toMatchObject({ status: 'answered', answers: {} });
	});
});
