import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { archiveEntries, companyMembers, jobs, notifications, surveyRecipients, surveys, surveyTemplates } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import * as fx from '../property/testing/fixtures.ts';
import { ANNUAL_SURVEY_CODE } from '#lib/surveys/annual-template.ts';
import { ensureDefaultSurveyTemplates } from './templates.ts';
import { createSurvey, sendBatch, sendingProgress, sendSurvey } from './sending.ts';

let manager: Actor;
let otherEstateManager: Actor;
let templateId: string;
let owner: { id: string };
let companyAdmin: { id: string };
let estateId: string;

const recipientsOf = (surveyId: string) => db().select().from(surveyRecipients).where(eq(surveyRecipients.surveyId, surveyId));
const stateOf = async (surveyId: string) =>
	(await db().select({ state: surveys.state }).from(surveys).where(eq(surveys.id, surveyId)))[0]!.state;

beforeAll(async () => {
	await ensureDefaultSurveyTemplates(db());
	templateId = (await db().select().from(surveyTemplates).where(eq(surveyTemplates.code, ANNUAL_SURVEY_CODE)))[0]!.id;
	const e = await fx.estate();
	estateId = e.id;
	const b = await fx.building(e.id, 'A');
	const [flat, office, former] = await fx.unitsIn(b, 3, 'residential');
	owner = await fx.residentUser('Owner');
	await fx.occupy(flat!.id, { userId: owner.id }, 'owner');
	const company = await fx.company('Beacon Survey Ltd');
	companyAdmin = await fx.residentUser('Beacon Admin');
	await db().insert(companyMembers).values({ companyId: company.id, userId: companyAdmin.id, role: 'admin' });
	await fx.occupy(office!.id, { companyId: company.id }, 'renter');
	// Moved out last year: not a recipient.
	await fx.occupy(former!.id, { userId: (await fx.residentUser('Gone')).id }, 'owner', '2020-01-01', '2025-01-31');
	manager = await fx.staffActor(['manager'], [e.id]);
	otherEstateManager = await fx.staffActor(['manager'], [(await fx.estate()).id]);
});

describe('sending the annual survey to an estate', () => {
	it('creates a draft from the template for the manager’s estate; another estate’s manager cannot send it', async () => {
		const surveyId = await createSurvey(manager, templateId);
		expect(await stateOf(surveyId)).toBe('draft');
		await expect(sendSurvey(otherEstateManager, surveyId)).rejects.toMatchObject({ status: 404 });
	});

	it('gives every current occupancy one personal link, in batches, tells its people, and opens when done', async () => {
		const surveyId = await createSurvey(manager, templateId);
		await sendSurvey(manager, surveyId);
		expect(await stateOf(surveyId)).toBe('sending');
		expect(await sendingProgress(surveyId)).toEqual({ sent: 0, total: 2 });
		// One batch of one, then a run "after a restart" from where it stopped.
		expect(await sendBatch(db(), surveyId, new Date(), 1)).toBe(true);
		expect(await sendingProgress(surveyId)).toEqual({ sent: 1, total: 2 });
		while (await sendBatch(db(), surveyId, new Date(), 1));
		expect(await stateOf(surveyId)).toBe('open');
		const recipients = await recipientsOf(surveyId);
		expect(recipients).toHaveLength(2);
		expect(new Set(recipients.map((r) => r.occupancyId)).size).toBe(2);
		expect(recipients.every((r) => r.estateId === estateId && r.tokenHash.length === 32)).toBe(true);
		const told = await db()
			.select({ userId: notifications.userId, link: notifications.link })
			.from(notifications)
			.where(and(eq(notifications.subjectId, surveyId), eq(notifications.kind, 'survey.invitation')));
		expect(told.map((n) => n.userId).sort()).toEqual([owner.id, companyAdmin.id].sort());
		expect(told.every((n) => /^\/s\/[a-z2-9]{26}$/.test(n.link ?? ''))).toBe(true);
		// A batch run again once open sends nobody twice.
		expect(await sendBatch(db(), surveyId)).toBe(false);
		expect(await recipientsOf(surveyId)).toHaveLength(2);
	});

	it("files each household's invitation in its unit's file, with to whom and how it went, once", async () => {
		const surveyId = await createSurvey(manager, templateId);
		await sendSurvey(manager, surveyId);
		while (await sendBatch(db(), surveyId, new Date(), 1));
		expect(await sendBatch(db(), surveyId)).toBe(false);
		const filed = await db()
			.select()
			.from(archiveEntries)
			.where(and(eq(archiveEntries.sourceType, 'survey'), eq(archiveEntries.sourceId, surveyId)));
		const recipients = await recipientsOf(surveyId);
		expect(filed.map((e) => e.occupancyId).sort()).toEqual(recipients.map((r) => r.occupancyId).sort());
		expect(filed.every((e) => e.kind === 'letter')).toBe(true);
		expect(filed.map((e) => (e.summary as { delivery: unknown }).delivery)).toEqual(
			expect.arrayContaining([[{ name: 'Owner', channels: ['inbox', 'email'] }], [{ name: 'Beacon Admin', channels: ['inbox', 'email'] }]])
		);
	});

	it('refuses to send to an audience nobody lives in, and a survey already sent', async () => {
		const empty = await fx.staffActor(['manager'], [(await fx.estate()).id]);
		const surveyId = await createSurvey(empty, templateId);
		await expect(sendSurvey(empty, surveyId)).rejects.toMatchObject({ field: 'audience' });
		const sent = await createSurvey(manager, templateId);
		await sendSurvey(manager, sent);
		await expect(sendSurvey(manager, sent)).rejects.toMatchObject({ field: '' });
	});

	it('hands a batch’s email to one delivery job, and a person invited twice in it (two companies) to a second', async () => {
		const e = await fx.estate();
		const b = await fx.building(e.id, 'A');
		const units = await fx.unitsIn(b, 3, 'office');
		const admin = await fx.residentUser('Admin Of Two');
		for (const [i, name] of ['North Ltd', 'South Ltd'].entries()) {
			const company = await fx.company(name);
			await db().insert(companyMembers).values({ companyId: company.id, userId: admin.id, role: 'admin' });
			await fx.occupy(units[i]!.id, { companyId: company.id }, 'renter');
		}
		await fx.occupy(units[2]!.id, { userId: (await fx.residentUser('Solo')).id }, 'owner');
		const boss = await fx.staffActor(['manager'], [e.id]);
		const surveyId = await createSurvey(boss, templateId);
		await sendSurvey(boss, surveyId);
		const deliverJobs = async () => (await db().select().from(jobs).where(eq(jobs.kind, 'notify.deliver'))).length;
		const before = await deliverJobs();
		await sendBatch(db(), surveyId);
		expect((await deliverJobs()) - before).toBe(2);
		const told = await db()
			.select({ userId: notifications.userId, link: notifications.link })
			.from(notifications)
			.where(and(eq(notifications.subjectId, surveyId), eq(notifications.userId, admin.id)));
		expect(new Set(told.map((n) => n.link)).size).toBe(2);
	});
});
