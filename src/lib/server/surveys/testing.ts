/**
 * A sent survey for the tests: the annual template, one estate with one household, sent in full;
 * its personal link as the invitation carries it.
 */
import { and, eq } from 'drizzle-orm';
import { ANNUAL_SURVEY_CODE } from '#lib/surveys/annual-template.ts';
import { db } from '../db/client.ts';
import { notifications, surveys, surveyTemplates } from '../db/schema/index.ts';
import * as fx from '../property/testing/fixtures.ts';
import { createSurvey, sendBatch, sendSurvey } from './sending.ts';
import { ensureDefaultSurveyTemplates } from './templates.ts';

/** A survey of one estate with one household, sent; its personal link, as the invitation carries it. */
export async function sentSurvey({ anonymous = false } = {}): Promise<{ surveyId: string; token: string }> {
	await ensureDefaultSurveyTemplates(db());
	const templateId = (await db().select().from(surveyTemplates).where(eq(surveyTemplates.code, ANNUAL_SURVEY_CODE)))[0]!.id;
	const e = await fx.estate();
	const b = await fx.building(e.id, 'A');
	const [flat] = await fx.unitsIn(b, 1, 'residential');
	const resident = await fx.residentUser('Resident');
	await fx.occupy(flat!.id, { userId: resident.id }, 'owner');
	const manager = await fx.staffActor(['manager'], [e.id]);
	const surveyId = await createSurvey(manager, templateId);
	if (anonymous) await db().update(surveys).set({ anonymous }).where(eq(surveys.id, surveyId));
	await sendSurvey(manager, surveyId);
	while (await sendBatch(db(), surveyId));
	const [notice] = await db()
		.select({ link: notifications.link })
		.from(notifications)
		.where(and(eq(notifications.subjectId, surveyId), eq(notifications.userId, resident.id)));
	return { surveyId, token: notice!.link.slice('/s/'.length) };
}
