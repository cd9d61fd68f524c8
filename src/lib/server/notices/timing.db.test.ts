import { describe, expect, it } from 'vitest';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { inputErrorOf, statusOf } from '../../../../tests/request-event.ts';
import { DEFAULT_TIME_ZONE, localDateTimeValue, parseLocalDateTime } from '#lib/time/index.ts';
import { db } from '../db/client.ts';
import { estates, events, jobs, noticeDeliveries, notices } from '../db/schema/index.ts';
import { scheduleJob } from '../jobs/queue.ts';
import { createNotice, publishNotice, withdrawNotice } from './office.ts';
import { PUBLISH_JOB } from './publish.ts';
import { noticeForm, noticeWorld, runNoticeJobs, type NoticeWorld } from './testing/fixtures.ts';
import { rescheduleNotice, scheduleNotice, unscheduleNotice } from './timing.ts';

/** A time `n` hours from now, to the minute (what a datetime-local field can say). */
const hours = (n: number) => new Date(Math.floor((Date.now() + n * 3600_000) / 60_000) * 60_000);
const local = (at: Date) => localDateTimeValue(at, DEFAULT_TIME_ZONE);
const minuteAfter = (at: Date) => new Date(at.getTime() + 60_000);

const noticeRow = async (id: string) => (await db().select().from(notices).where(eq(notices.id, id)))[0]!;
const kindsOf = async (id: string) =>
	(await db().select({ kind: events.kind }).from(events).where(eq(events.subjectId, id)).orderBy(events.id)).map((e) => e.kind);
/** The notice's publishing jobs not yet run: when each is due. */
const pendingJobs = async (id: string) =>
	(
		await db()
			.select({ runAt: jobs.runAt })
			.from(jobs)
			.where(and(eq(jobs.kind, PUBLISH_JOB), isNull(jobs.doneAt), sql`${jobs.payload}->>'noticeId' = ${id}`))
	).map((j) => j.runAt.getTime());

async function scheduledFor(s: NoticeWorld, at: Date) {
	return createNotice(s.office, noticeForm(s, { when: 'later', publishAt: local(at) }));
}

describe('a notice’s time', () => {
	it('moves to a later time: the job publishes it then, not at the old time', async () => {
		const s = await noticeWorld();
		const [first, later] = [hours(2), hours(5)];
		const id = await scheduledFor(s, first);
		await rescheduleNotice(s.office, id, { publishAt: local(later) });
		expect(await noticeRow(id)).toMatchObject({ state: 'scheduled', publishAt: later });
		// The job of the old time is gone: one job, at the new time.
		expect(await pendingJobs(id)).toEqual([later.getTime()]);
		await runNoticeJobs(minuteAfter(first));
		expect((await noticeRow(id)).state).toBe('scheduled');
		await runNoticeJobs(minuteAfter(later));
		expect(await noticeRow(id)).toMatchObject({ state: 'published', publishedAt: minuteAfter(later) });
		const [rescheduled] = await db()
			.select()
			.from(events)
			.where(and(eq(events.subjectId, id), eq(events.kind, 'rescheduled')));
		expect(rescheduled!.data).toEqual({ publishAt: later.toISOString(), before: first.toISOString() });
		expect(await kindsOf(id)).toEqual(['created', 'scheduled', 'rescheduled', 'published']);
	});

	it('moves to an earlier time: published then, and once', async () => {
		const s = await noticeWorld();
		const [first, earlier] = [hours(5), hours(2)];
		const id = await scheduledFor(s, first);
		await rescheduleNotice(s.office, id, { publishAt: local(earlier) });
		expect(await pendingJobs(id)).toEqual([earlier.getTime()]);
		await runNoticeJobs(minuteAfter(earlier));
		expect(await noticeRow(id)).toMatchObject({ state: 'published', publishedAt: minuteAfter(earlier) });
		await runNoticeJobs(minuteAfter(first));
		expect(await kindsOf(id)).toEqual(['created', 'scheduled', 'rescheduled', 'published']);
		expect(await db().select().from(noticeDeliveries).where(eq(noticeDeliveries.noticeId, id))).toHaveLength(2);
	});

	it('is not published by a job of the old time that a worker already held when the time moved', async () => {
		const s = await noticeWorld();
		const [first, later] = [hours(2), hours(5)];
		const id = await scheduledFor(s, first);
		await rescheduleNotice(s.office, id, { publishAt: local(later) });
		// Such a job is past removing (claimed, or scheduled before publishing jobs had a key): it must look for itself.
		await scheduleJob(db(), { kind: PUBLISH_JOB, payload: { noticeId: id }, runAt: first });
		await runNoticeJobs(minuteAfter(first));
		expect(await noticeRow(id)).toMatchObject({ state: 'scheduled', publishedAt: null });
		await runNoticeJobs(minuteAfter(later));
		expect((await noticeRow(id)).state).toBe('published');
	});

	it('is taken back: a draft with no time and no job, which the old job leaves alone, and which may be scheduled again', async () => {
		const s = await noticeWorld();
		const first = hours(2);
		const id = await scheduledFor(s, first);
		await unscheduleNotice(s.office, id);
		expect(await noticeRow(id)).toMatchObject({ state: 'draft', publishAt: null });
		expect(await pendingJobs(id)).toEqual([]);
		await scheduleJob(db(), { kind: PUBLISH_JOB, payload: { noticeId: id }, runAt: first });
		await runNoticeJobs(minuteAfter(first));
		expect((await noticeRow(id)).state).toBe('draft');
		const [unscheduled] = await db()
			.select()
			.from(events)
			.where(and(eq(events.subjectId, id), eq(events.kind, 'unscheduled')));
		expect([unscheduled!.fromState, unscheduled!.toState, unscheduled!.data]).toEqual([
			'scheduled',
			'draft',
			{ before: first.toISOString() }
		]);
		const again = hours(4);
		await scheduleNotice(s.office, id, { publishAt: local(again) });
		expect(await noticeRow(id)).toMatchObject({ state: 'scheduled', publishAt: again });
		expect(await pendingJobs(id)).toEqual([again.getTime()]);
	});

	it('is checked as when scheduling: given, in the future, read in the estate’s zone, before the expiry', async () => {
		const s = await noticeWorld();
		const id = await createNotice(s.office, noticeForm(s, { when: 'later', publishAt: local(hours(2)), expiresAt: local(hours(24)) }));
		const refusal = async (publishAt: string) => {
			const err = await inputErrorOf(() => rescheduleNotice(s.office, id, { publishAt }));
			return [err.field, err.message];
		};
		expect(await refusal('')).toEqual(['publishAt', 'Give the time to publish at.']);
		expect(await refusal('2020-01-01T09:00')).toEqual(['publishAt', 'The time to publish must be in the future.']);
		expect(await refusal(local(hours(30)))).toEqual([
			'publishAt',
			'The notice would expire before it is published: choose an earlier time, or edit its expiry.'
		]);
		// The time is the estate's wall clock.
		await db().update(estates).set({ timeZone: 'Europe/London' }).where(eq(estates.id, s.place.id));
		const typed = localDateTimeValue(hours(3), 'Europe/London');
		await rescheduleNotice(s.office, id, { publishAt: typed });
		expect((await noticeRow(id)).publishAt).toEqual(parseLocalDateTime(typed, 'Europe/London'));
		expect(await kindsOf(id)).toEqual(['created', 'scheduled', 'rescheduled']);
	});

	it('is open only as the machine says, to the office of the estate', async () => {
		const s = await noticeWorld();
		const draft = await createNotice(s.office, noticeForm(s, { when: 'draft' }));
		const published = await createNotice(s.office, noticeForm(s));
		const at = hours(2);
		const scheduled = await scheduledFor(s, at);
		expect((await inputErrorOf(() => rescheduleNotice(s.office, draft, { publishAt: local(hours(3)) }))).field).toBe('');
		expect((await inputErrorOf(() => unscheduleNotice(s.office, draft))).field).toBe('');
		expect((await inputErrorOf(() => unscheduleNotice(s.office, published))).field).toBe('');
		expect((await inputErrorOf(() => scheduleNotice(s.office, published, { publishAt: local(hours(3)) }))).field).toBe('');
		expect(await statusOf(() => rescheduleNotice(s.otherOffice, scheduled, { publishAt: local(hours(3)) }))).toBe(404);
		expect(await statusOf(() => unscheduleNotice(s.finance, scheduled))).toBe(403);
		expect(await noticeRow(scheduled)).toMatchObject({ state: 'scheduled', publishAt: at });
	});

	it('leaves no job behind when a scheduled notice is published early or withdrawn', async () => {
		const s = await noticeWorld();
		const early = await scheduledFor(s, hours(2));
		await publishNotice(s.office, early);
		expect(await pendingJobs(early)).toEqual([]);
		const withdrawn = await scheduledFor(s, hours(2));
		await withdrawNotice(s.office, withdrawn);
		expect(await pendingJobs(withdrawn)).toEqual([]);
	});
});
