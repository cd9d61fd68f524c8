import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { addDays, businessToday } from '#lib/time/index.ts';
import * as fx from '../property/testing/fixtures.ts';
import { answerSurvey } from './answering.ts';
import { createAction } from './actions.ts';
import { surveyReport } from './report.ts';
import { approveReport, closeSurvey } from './staff.ts';
import { annualAnswers, sentSurvey } from './testing.ts';

/** The PDF's text as pdftotext reads it. */
function textOf(pdf: Uint8Array): string {
	return execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(pdf) }).toString();
}

describe('the survey report', () => {
	it('prints the figures, the corrective actions and the general manager’s approval once given', async () => {
		const { surveyId, token, manager, estateId } = await sentSurvey();
		expect(await answerSurvey(token, annualAnswers, { submit: true })).toEqual({ outcome: 'submitted' });
		await createAction(manager, surveyId, {
			estateId,
			area: 'areas/value',
			title: 'Publish the yearly maintenance budget',
			ownerId: manager.userId,
			dueOn: addDays(businessToday({ timeZone: 'Asia/Hong_Kong' }), 30)
		});
		await closeSurvey(manager, surveyId);
		const before = textOf((await surveyReport(manager, surveyId)).pdf);
		expect(before).toContain('Not yet approved by the general manager.');
		expect(before).toMatch(/Responses\s[\s\S]*1 \/ 1 \(100 %\)/);
		expect(before).toContain('Publish the yearly maintenance budget');
		await approveReport(manager, surveyId);
		const { pdf, filename } = await surveyReport(manager, surveyId);
		expect(filename).toMatch(/^S\d+-report\.pdf$/);
		expect(textOf(pdf)).toContain(`Approved by the general manager ${manager.name}`);
	});

	it('answers 404 to a manager of another estate', async () => {
		const { surveyId } = await sentSurvey();
		const other = await fx.staffActor(['manager'], [(await fx.estate()).id]);
		await expect(surveyReport(other, surveyId)).rejects.toMatchObject({ status: 404 });
	});
});
