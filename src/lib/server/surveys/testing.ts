/**
 * A sent survey for the tests: the annual template, one estate with one household, sent in full;
 * its personal link as the invitation carries it.
 */
import { and, eq } from 'drizzle-orm';
import { ANNUAL_SURVEY_CODE } from '#lib/surveys/annual-template.ts';
import type { Answers } from '#lib/surveys/definition.ts';
import { db } from '../db/client.ts';
import { notifications, surveys, surveyTemplates } from '../db/schema/index.ts';
import * as fx from '../property/testing/fixtures.ts';
import { createSurvey, sendBatch, sendSurvey } from './sending.ts';
import { ensureDefaultSurveyTemplates } from './templates.ts';

/** The annual template's id (seeded if need be). */
export async function annualTemplateId(): Promise<string> {
	await ensureDefaultSurveyTemplates(db());
	return (await db().select().from(surveyTemplates).where(eq(surveyTemplates.code, ANNUAL_SURVEY_CODE)))[0]!.id;
}

/** A survey of one estate with one household, sent; its personal link, as the invitation carries it. */
export async function sentSurvey({ anonymous = false, closesAt = null as Date | null } = {}) {
	const templateId = await annualTemplateId();
	const e = await fx.estate();
	const b = await fx.building(e.id, 'A');
	const [flat] = await fx.unitsIn(b, 1, 'residential');
	const resident = await fx.residentUser('Resident');
	await fx.occupy(flat!.id, { userId: resident.id }, 'owner');
	const manager = await fx.staffActor(['manager'], [e.id]);
	const surveyId = await createSurvey(manager, templateId);
	if (anonymous || closesAt) await db().update(surveys).set({ anonymous, closesAt }).where(eq(surveys.id, surveyId));
	await sendSurvey(manager, surveyId);
	while (await sendBatch(db(), surveyId));
	const [notice] = await db()
		.select({ link: notifications.link })
		.from(notifications)
		.where(and(eq(notifications.subjectId, surveyId), eq(notifications.userId, resident.id)));
	return { surveyId, token: notice!.link.slice('/s/'.length), estateId: e.id, buildingId: b.id, manager, resident };
}

/** Answers to every question the annual template requires. */
export const annualAnswers: Answers = {
	overall: 4,
	areas: { customer_service: 4, repairs: 3, security: 5, cleaning: 4, greening: 4, value: 3 },
	fees_level: 'about_right',
	recommend: 9
};
