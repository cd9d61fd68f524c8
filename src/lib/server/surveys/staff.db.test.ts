import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { companyMembers, jobs, surveyRecipients, surveys, surveyTemplates } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import * as fx from '../property/testing/fixtures.ts';
import { ANNUAL_SURVEY_CODE } from '#lib/surveys/annual-template.ts';
import { ensureDefaultSurveyTemplates } from './templates.ts';
import { createSurvey, sendBatch, sendSurvey } from './sending.ts';
import { approveReport, closeSurvey, editSurvey, surveyList, surveyPage } from './staff.ts';

let manager: Actor;
let desk: Actor;
let security: Actor;
let stranger: Actor;
let estateId: string;
let otherEstateId: string;
let templateId: string;

beforeAll(async () => {
	await ensureDefaultSurveyTemplates(db());
	templateId = (await db().select().from(surveyTemplates).where(eq(surveyTemplates.code, ANNUAL_SURVEY_CODE)))[0]!.id;
	const e = await fx.estate();
	estateId = e.id;
	otherEstateId = (await fx.estate()).id;
	const b = await fx.building(e.id, 'A');
	for (const unit of await fx.unitsIn(b, 3, 'residential')) await fx.occupy(unit.id, { userId: (await fx.residentUser('R')).id });
	manager = await fx.staffActor(['manager'], [e.id]);
	desk = await fx.staffActor(['customer_service'], [e.id]);
	security = await fx.staffActor(['security'], [e.id]);
	stranger = await fx.staffActor(['manager'], [otherEstateId]);
});

describe('the back office’s survey pages', () => {
	it('lists the surveys of the staff member’s estates with the templates, and only to staff who manage surveys', async () => {
		const id = await createSurvey(desk, templateId);
		expect((await surveyList(manager)).surveys.map((s) => s.id)).toContain(id);
		expect((await surveyList(stranger)).surveys.map((s) => s.id)).not.toContain(id);
		expect((await surveyList(manager)).templates.map((t) => t.id)).toContain(templateId);
		await expect(surveyList(security)).rejects.toMatchObject({ status: 403 });
		await expect(surveyPage(stranger, id)).rejects.toMatchObject({ status: 404 });
	});

	it('refuses settings without an estate, with an estate not the staff member’s, or closing in the past, at the field', async () => {
		const id = await createSurvey(manager, templateId);
		await expect(editSurvey(manager, id, { estateIds: [], anonymous: false, closesOn: '' })).rejects.toMatchObject({ field: 'estateIds' });
		await expect(editSurvey(manager, id, { estateIds: [otherEstateId], anonymous: false, closesOn: '' })).rejects.toMatchObject({
			field: 'estateIds'
		});
		await expect(editSurvey(manager, id, { estateIds: [estateId], anonymous: false, closesOn: '2020-01-01' })).rejects.toMatchObject({
			field: 'closesOn'
		});
		await editSurvey(manager, id, { estateIds: [estateId], anonymous: true, closesOn: '2099-12-31' });
		const [saved] = await db().select().from(surveys).where(eq(surveys.id, id));
		expect(saved).toMatchObject({ anonymous: true, audience: { estateIds: [estateId], buildingIds: [] } });
		expect(saved!.closesAt?.toISOString()).toBe('2099-12-31T16:00:00.000Z');
	});

	it('shows the progress and the response rate once sent, freezes the settings, and closes by hand', async () => {
		const id = await createSurvey(manager, templateId);
		expect((await surveyPage(manager, id)).actions).toEqual(['edit', 'send', 'discard']);
		await sendSurvey(manager, id);
		while (await sendBatch(db(), id));
		const page = await surveyPage(manager, id);
		expect(page.progress).toEqual({ sent: 3, total: 3 });
		expect(page.rates).toEqual([{ estateId, name: expect.any(String), recipients: 3, responses: 0 }]);
		expect(page.actions).toEqual(['remind', 'print_letters', 'close']);
		await expect(editSurvey(manager, id, { estateIds: [estateId], anonymous: false, closesOn: '' })).rejects.toMatchObject({ field: '' });
		await closeSurvey(manager, id);
		expect((await surveyPage(manager, id)).survey.state).toBe('closed');
	});

	it('sends to the chosen buildings only, one link per person when asked, reminding on the chosen day', async () => {
		const b2 = await fx.building(estateId, 'B');
		const [flat] = await fx.unitsIn(b2, 1, 'residential');
		const company = await fx.company('Two People Ltd');
		for (const role of ['admin', 'member'] as const) {
			await db()
				.insert(companyMembers)
				.values({ companyId: company.id, userId: (await fx.residentUser('Member')).id, role });
		}
		await fx.occupy(flat!.id, { companyId: company.id }, 'renter');
		const id = await createSurvey(manager, templateId);
		await expect(
			editSurvey(manager, id, {
				estateIds: [estateId],
				buildingIds: [(await fx.building(otherEstateId, 'X')).id],
				anonymous: false,
				closesOn: ''
			})
		).rejects.toMatchObject({ field: 'buildingIds' });
		await expect(
			editSurvey(manager, id, { estateIds: [estateId], anonymous: false, closesOn: '', remindAfterDays: '0' })
		).rejects.toMatchObject({ field: 'remindAfterDays' });
		await editSurvey(manager, id, {
			estateIds: [estateId],
			buildingIds: [b2.id],
			anonymous: false,
			respondent: 'person',
			remindAfterDays: '3',
			closesOn: ''
		});
		await sendSurvey(manager, id);
		while (await sendBatch(db(), id));
		const recipients = await db().select().from(surveyRecipients).where(eq(surveyRecipients.surveyId, id));
		// Building B only; the company's two members each get their own link.
		expect(recipients).toHaveLength(2);
		expect(recipients.every((r) => r.buildingId === b2.id && r.userId !== null)).toBe(true);
		expect((await surveyPage(manager, id)).progress).toEqual({ sent: 2, total: 2 });
		expect((await db().select().from(surveys).where(eq(surveys.id, id)))[0]!.remindAfterDays).toBe(3);
	});

	it('lets a manager approve a closed survey’s report on the record, once; customer service cannot', async () => {
		const id = await createSurvey(manager, templateId);
		await sendSurvey(manager, id);
		while (await sendBatch(db(), id));
		await expect(approveReport(manager, id)).rejects.toMatchObject({ field: '' });
		await closeSurvey(manager, id);
		await expect(approveReport(desk, id)).rejects.toMatchObject({ status: 403 });
		expect((await surveyPage(manager, id)).actions).toContain('approve_report');
		await approveReport(manager, id);
		const page = await surveyPage(manager, id);
		expect(page.survey.reportApprovedBy).toBe(manager.userId);
		expect(page.approvedBy).toBe(manager.name);
		expect(page.actions).not.toContain('approve_report');
		await expect(approveReport(manager, id)).rejects.toMatchObject({ field: '' });
	});

	it('sends for a later morning: the links go out at 09:00 that day, and the days are checked at their fields', async () => {
		const id = await createSurvey(manager, templateId);
		const base = { estateIds: [estateId], anonymous: false };
		await expect(editSurvey(manager, id, { ...base, opensOn: '2020-01-01', closesOn: '' })).rejects.toMatchObject({ field: 'opensOn' });
		await expect(editSurvey(manager, id, { ...base, opensOn: '2099-06-10', closesOn: '2099-06-09' })).rejects.toMatchObject({
			field: 'closesOn'
		});
		await editSurvey(manager, id, { ...base, opensOn: '2099-06-01', closesOn: '2099-06-30' });
		const [saved] = await db().select().from(surveys).where(eq(surveys.id, id));
		expect(saved!.opensAt?.toISOString()).toBe('2099-06-01T01:00:00.000Z');
		await sendSurvey(manager, id);
		const [job] = await db()
			.select({ runAt: jobs.runAt })
			.from(jobs)
			.where(eq(jobs.dedupeKey, `surveys.send:${id}`));
		expect(job!.runAt.toISOString()).toBe('2099-06-01T01:00:00.000Z');
		expect((await surveyPage(manager, id)).progress).toMatchObject({ sent: 0 });
	});
});
