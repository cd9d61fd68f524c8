import { describe, expect, it } from 'vitest';
import { db } from '../db/client.ts';
import { companyMembers } from '../db/schema/index.ts';
import * as fx from '../property/testing/fixtures.ts';
import { surveyLink } from './answering.ts';
import { answerMySurvey, mySurvey, mySurveys } from './portal.ts';
import { createSurvey, sendBatch, sendSurvey } from './sending.ts';
import { annualAnswers, annualTemplateId, sentSurvey } from './testing.ts';

describe('answering in the portal', () => {
	it('lists the survey waiting for the resident and takes the same one answer as the link', async () => {
		const { token, resident } = await sentSurvey();
		const actor = await fx.actorOf(resident.id);
		const [waiting] = await mySurveys(actor);
		expect(waiting).toMatchObject({ waiting: true, answeredAt: null });
		expect((await mySurvey(actor, waiting!.recipientId)).status).toBe('open');
		expect(await answerMySurvey(actor, waiting!.recipientId, { overall: 5 }, { submit: false })).toEqual({ outcome: 'saved' });
		// Saved in the portal, resumed from the emailed link, and the other way round.
		expect((await surveyLink(token)).answers).toEqual({ overall: 5 });
		expect(await answerMySurvey(actor, waiting!.recipientId, annualAnswers, { submit: true })).toEqual({ outcome: 'submitted' });
		expect((await surveyLink(token)).status).toBe('answered');
		expect(await answerMySurvey(actor, waiting!.recipientId, annualAnswers, { submit: true })).toEqual({ outcome: 'answered' });
		expect((await mySurveys(actor))[0]).toMatchObject({ waiting: false });
	});

	it('answers 404 to another resident, and to a company’s member who is not its admin', async () => {
		const { resident } = await sentSurvey();
		const actor = await fx.actorOf(resident.id);
		const [mine] = await mySurveys(actor);
		const stranger = await fx.actorOf((await fx.residentUser('Stranger')).id);
		await expect(mySurvey(stranger, mine!.recipientId)).rejects.toMatchObject({ status: 404 });
		await expect(answerMySurvey(stranger, mine!.recipientId, {}, { submit: false })).rejects.toMatchObject({ status: 404 });

		const e = await fx.estate();
		const [office] = await fx.unitsIn(await fx.building(e.id, 'T'), 1, 'office');
		const company = await fx.company('Survey Co');
		const admin = await fx.residentUser('Admin');
		const member = await fx.residentUser('Member');
		await db()
			.insert(companyMembers)
			.values([
				{ companyId: company.id, userId: admin.id, role: 'admin' },
				{ companyId: company.id, userId: member.id, role: 'member' }
			]);
		await fx.occupy(office!.id, { companyId: company.id }, 'renter');
		const manager = await fx.staffActor(['manager'], [e.id]);
		const surveyId = await createSurvey(manager, await annualTemplateId());
		await sendSurvey(manager, surveyId);
		while (await sendBatch(db(), surveyId));
		const [companys] = await mySurveys(await fx.actorOf(admin.id));
		expect(companys).toBeDefined();
		expect(await mySurveys(await fx.actorOf(member.id))).toEqual([]);
		await expect(mySurvey(await fx.actorOf(member.id), companys!.recipientId)).rejects.toMatchObject({ status: 404 });
	});
});
