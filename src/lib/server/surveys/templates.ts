/**
 * Survey templates are dictionary data (rule 12): a fresh installation gets the annual
 * satisfaction survey of rule 7 once; after that the admin's edits are kept (nothing is put back).
 */
import { annualSurvey, annualSurveyTitle, ANNUAL_SURVEY_CODE } from '#lib/surveys/annual-template.ts';
import type { Executor } from '../db/client.ts';
import { surveyTemplates } from '../db/schema/index.ts';

export async function ensureDefaultSurveyTemplates(executor: Executor): Promise<void> {
	await executor
		.insert(surveyTemplates)
		.values({ code: ANNUAL_SURVEY_CODE, title: annualSurveyTitle, definition: annualSurvey })
		.onConflictDoNothing({ target: surveyTemplates.code });
}
