import { describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { events, jobs, notifications, surveyRecipients, surveys } from '../db/schema/index.ts';
import * as fx from '../property/testing/fixtures.ts';
import { answerSurvey } from './answering.ts';
import { remindNow, runCloseJob, runRemindJob } from './schedule.ts';
import { annualAnswers, sentSurvey } from './testing.ts';

const DAY = 24 * 60 * 60 * 1000;
const context = (now: Date) => ({ job: {} as never, now, db: db() });
const reminders = (surveyId: string) =>
	db()
		.select({ userId: notifications.userId, link: notifications.link })
		.from(notifications)
		.where(and(eq(notifications.subjectId, surveyId), eq(notifications.kind, 'survey.reminder')));
const jobsOf = (surveyId: string) =>
	db()
		.select({ kind: jobs.kind, runAt: jobs.runAt, dedupeKey: jobs.dedupeKey })
		.from(jobs)
		.where(like(jobs.dedupeKey, `%${surveyId}%`));

describe('reminding those who have not answered', () => {
	it('schedules the first reminder round and the closing when the last link goes out', async () => {
		const closesAt = new Date(Date.now() + 30 * DAY);
		const { surveyId } = await sentSurvey({ closesAt });
		const scheduled = await jobsOf(surveyId);
		expect(scheduled.map((j) => j.kind).sort()).toEqual(['surveys.close', 'surveys.remind', 'surveys.send']);
		expect(scheduled.find((j) => j.kind === 'surveys.close')!.runAt.getTime()).toBe(closesAt.getTime());
		const remind = scheduled.find((j) => j.kind === 'surveys.remind')!;
		expect(remind.runAt.getTime()).toBeGreaterThan(Date.now() + 6 * DAY);
	});

	it('reminds with the invitation’s own link once the days have passed, once, then schedules the next round', async () => {
		const { surveyId, token, resident } = await sentSurvey();
		// Too early: nobody is due yet.
		await runRemindJob({ surveyId, afterDays: 7, round: 1 }, context(new Date(Date.now() + 3 * DAY)));
		expect(await reminders(surveyId)).toEqual([]);
		const later = new Date(Date.now() + 8 * DAY);
		await runRemindJob({ surveyId, afterDays: 7, round: 1 }, context(later));
		expect(await reminders(surveyId)).toEqual([{ userId: resident.id, link: `/s/${token}` }]);
		// The same run again (a retried job) reminds nobody twice.
		await runRemindJob({ surveyId, afterDays: 7, round: 1 }, context(later));
		expect(await reminders(surveyId)).toHaveLength(1);
		const [recipient] = await db().select().from(surveyRecipients).where(eq(surveyRecipients.surveyId, surveyId));
		expect(recipient!.reminders).toBe(1);
		expect((await jobsOf(surveyId)).map((j) => j.dedupeKey)).toContain(`surveys.remind:${surveyId}:2`);
	});

	it('does not remind those who answered', async () => {
		const { surveyId, token } = await sentSurvey();
		await answerSurvey(token, {}, { submit: false });
		const done = await answerSurvey(token, annualAnswers, { submit: true });
		expect(done).toEqual({ outcome: 'submitted' });
		await runRemindJob({ surveyId, afterDays: 7, round: 1 }, context(new Date(Date.now() + 8 * DAY)));
		expect(await reminders(surveyId)).toEqual([]);
	});

	it('lets the survey’s manager remind now, on the record; another estate’s manager gets 404', async () => {
		const { surveyId, manager } = await sentSurvey();
		await remindNow(manager, surveyId);
		expect((await jobsOf(surveyId)).map((j) => j.dedupeKey)).toContain(`surveys.remind:${surveyId}:now`);
		const [event] = await db()
			.select({ kind: events.kind })
			.from(events)
			.where(and(eq(events.subjectId, surveyId), eq(events.kind, 'remind')));
		expect(event).toBeDefined();
		const other = await fx.staffActor(['manager'], [(await fx.estate()).id]);
		await expect(remindNow(other, surveyId)).rejects.toMatchObject({ status: 404 });
	});
});

describe('closing at the closing time', () => {
	it('closes an open survey when its time has come, and not before', async () => {
		const closesAt = new Date(Date.now() + 2 * DAY);
		const { surveyId, token } = await sentSurvey({ closesAt });
		await runCloseJob({ surveyId }, context(new Date(Date.now() + DAY)));
		expect((await db().select({ state: surveys.state }).from(surveys).where(eq(surveys.id, surveyId)))[0]!.state).toBe('open');
		await runCloseJob({ surveyId }, context(new Date(closesAt.getTime() + 1000)));
		expect((await db().select({ state: surveys.state }).from(surveys).where(eq(surveys.id, surveyId)))[0]!.state).toBe('closed');
		expect(await answerSurvey(token, {}, { submit: false })).toEqual({ outcome: 'closed', answers: {} });
	});
});
