import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { addDays, businessToday } from '#lib/time/index.ts';
import { db } from '../db/client.ts';
import { events, notifications, surveyActions } from '../db/schema/index.ts';
import * as fx from '../property/testing/fixtures.ts';
import { remindDueActions } from './action-reminders.ts';
import { createAction, myActions, stepAction, surveyActionsOf } from './actions.ts';
import { closeSurvey } from './staff.ts';
import { sentSurvey } from './testing.ts';

const today = businessToday({ timeZone: 'Asia/Hong_Kong' });

async function withAction(dueOn = addDays(today, 14)) {
	const sent = await sentSurvey();
	const engineer = await fx.staffActor(['engineering'], [sent.estateId]);
	const actionId = await createAction(sent.manager, sent.surveyId, {
		estateId: sent.estateId,
		area: 'areas/repairs',
		title: 'Answer every repair call within the day',
		ownerId: engineer.userId,
		dueOn
	});
	return { ...sent, engineer, actionId };
}

describe('corrective actions', () => {
	it('gives an area scored low an owner and a due day, followed to closure with evidence by its owner', async () => {
		const { surveyId, manager, engineer, actionId } = await withAction();
		const listed = await surveyActionsOf(manager, surveyId);
		expect(listed.current).toHaveLength(1);
		expect(listed.current[0]).toMatchObject({
			state: 'open',
			area: 'areas/repairs',
			overdue: false,
			steps: ['start', 'complete', 'reassign']
		});
		// The owner sees it on their list (an engineer does not manage surveys) and takes its steps.
		const mine = await myActions(engineer);
		expect(mine.map((a) => a.id)).toEqual([actionId]);
		expect(mine[0]!.steps).toEqual(['start', 'complete']);
		await stepAction(engineer, actionId, 'start', {});
		await expect(stepAction(engineer, actionId, 'complete', { evidence: '  ' })).rejects.toMatchObject({ field: 'evidence' });
		await stepAction(engineer, actionId, 'complete', { evidence: 'Two more technicians on call; median reply now 3 h.' });
		const [row] = await db().select().from(surveyActions).where(eq(surveyActions.id, actionId));
		expect(row).toMatchObject({ state: 'done', evidence: 'Two more technicians on call; median reply now 3 h.' });
		// Only whoever manages the survey may reopen it.
		await expect(stepAction(engineer, actionId, 'reopen', { reason: 'x' })).rejects.toMatchObject({ status: 403 });
		await stepAction(manager, actionId, 'reopen', { reason: 'Still slow at weekends' });
		const kinds = await db().select({ kind: events.kind }).from(events).where(eq(events.subjectId, actionId)).orderBy(events.id);
		expect(kinds.map((k) => k.kind)).toEqual(['created', 'start', 'complete', 'reopen']);
	});

	it('refuses an unknown area, an owner from elsewhere and a past due day, each at its field', async () => {
		const { surveyId, manager, estateId, engineer } = await withAction();
		const outsider = await fx.staffActor(['engineering'], [(await fx.estate()).id]);
		const base = { estateId, area: 'areas/repairs', title: 'x', ownerId: engineer.userId, dueOn: addDays(today, 3) };
		await expect(createAction(manager, surveyId, { ...base, area: 'bonus' })).rejects.toMatchObject({ field: 'area' });
		await expect(createAction(manager, surveyId, { ...base, ownerId: outsider.userId })).rejects.toMatchObject({ field: 'ownerId' });
		await expect(createAction(manager, surveyId, { ...base, dueOn: addDays(today, -1) })).rejects.toMatchObject({ field: 'dueOn' });
		await expect(createAction(manager, surveyId, { ...base, title: ' ' })).rejects.toMatchObject({ field: 'title' });
		await closeSurvey(manager, surveyId);
		// Still possible once the survey is closed: that is when most actions are decided.
		expect(await createAction(manager, surveyId, base)).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('keeps another estate’s staff out: 404 for its manager, nothing on an outsider’s list', async () => {
		const { surveyId, actionId } = await withAction();
		const other = await fx.staffActor(['manager'], [(await fx.estate()).id]);
		await expect(surveyActionsOf(other, surveyId)).rejects.toMatchObject({ status: 404 });
		await expect(stepAction(other, actionId, 'start', {})).rejects.toMatchObject({ status: 404 });
		expect((await myActions(other)).map((a) => a.id)).not.toContain(actionId);
	});

	it('reminds the owner the day before it is due, then the estate’s managers once overdue — once a day', async () => {
		const { estateId, engineer, actionId, manager: managerOfEstate } = await withAction(addDays(today, 1));
		const estate = { id: estateId, timeZone: 'Asia/Hong_Kong' };
		const told = async () =>
			(
				await db()
					.select({ userId: notifications.userId, kind: notifications.kind })
					.from(notifications)
					.where(eq(notifications.subjectId, actionId))
			).map((n) => `${n.kind}:${n.userId === engineer.userId ? 'owner' : n.userId === managerOfEstate.userId ? 'manager' : 'other'}`);
		expect(await remindDueActions(db(), estate, addDays(today, -1))).toBe(0);
		expect(await remindDueActions(db(), estate, today)).toBe(1);
		expect(await remindDueActions(db(), estate, today)).toBe(0);
		expect(await told()).toEqual(['survey.action_due:owner']);
		expect(await remindDueActions(db(), estate, addDays(today, 2))).toBe(1);
		expect((await told()).sort()).toEqual(
			['survey.action_due:owner', 'survey.action_overdue:manager', 'survey.action_overdue:owner'].sort()
		);
		const reminded = await db()
			.select({ kind: events.kind })
			.from(events)
			.where(and(eq(events.subjectId, actionId), eq(events.kind, 'remind')));
		expect(reminded).toHaveLength(2);
	});
});
