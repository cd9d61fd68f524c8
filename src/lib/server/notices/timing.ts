/**
 * When a notice is published: scheduling a draft for a time, moving a scheduled notice's time,
 * taking it back to a draft. The time is typed in the estate's zone and must be in the future and
 * before the notice's expiry. Each step is one transaction that locks the notice, asks the
 * machine, writes the state and time, keeps the notice's one publishing job at that time (or
 * removes it) and appends the event.
 */
import { eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { noticeTimeSchema } from '#lib/schemas/notices.ts';
import { parseLocalDateTime } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { notices } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { estateZone } from '../fees/estate-time.ts';
import { cancelJobs, scheduleJob } from '../jobs/queue.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { loadOfficeNotice } from './access.ts';
import { noticeActionEvent } from './event-kinds.ts';
import { noticeMachine, type NoticeCapacity } from './machine.ts';
import { PUBLISH_JOB, publishJobKey, type Notice, type NoticePublishPayload } from './publish.ts';

/** The time to publish at, typed in the estate's zone: a real time in the future. */
export function publishTimeOf(value: string, timeZone: string, now: Date): Date {
	const publishAt = parseLocalDateTime(value, timeZone);
	if (!publishAt || publishAt <= now) throw new InputError('publishAt', m.notices_publish_at_future());
	return publishAt;
}

/**
 * Keeps the notice's one publishing job at this time, or none: the job of an earlier time is
 * removed in the same transaction, so a moved notice is not published at its old time (and the
 * job checks the notice itself, for one already claimed).
 */
export async function replacePublishJob(tx: Executor, noticeId: string, publishAt: Date | null): Promise<void> {
	await cancelJobs(tx, publishJobKey(noticeId));
	if (!publishAt) return;
	await scheduleJob(tx, {
		kind: PUBLISH_JOB,
		payload: { noticeId } satisfies NoticePublishPayload,
		runAt: publishAt,
		dedupeKey: publishJobKey(noticeId)
	});
}

/**
 * A notice's publishing time set, moved or cleared — the machine's step, the one job at the new
 * time (or none), and the event saying the time and the one before — in the caller's transaction.
 */
async function setPublishTime(
	tx: Executor,
	notice: Notice,
	capacities: ReadonlySet<NoticeCapacity>,
	actor: Actor,
	action: 'schedule' | 'reschedule' | 'unschedule',
	publishAt: Date | null
): Promise<void> {
	const to = noticeMachine.take(notice.state, action, capacities);
	await tx.update(notices).set({ state: to, publishAt }).where(eq(notices.id, notice.id));
	await replacePublishJob(tx, notice.id, publishAt);
	await recordEvent(tx, {
		actor,
		subjectType: 'notice',
		subjectId: notice.id,
		kind: noticeActionEvent[action],
		from: notice.state,
		to,
		data: {
			...(publishAt && { publishAt: publishAt.toISOString() }),
			// A draft had no time; a moved or cleared one says which it was.
			...(action !== 'schedule' && { before: notice.publishAt?.toISOString() ?? null })
		}
	});
}

/** Schedules a notice the caller holds locked, in the caller's transaction (the time already checked). */
export function scheduleLocked(tx: Executor, notice: Notice, capacities: ReadonlySet<NoticeCapacity>, actor: Actor, publishAt: Date) {
	return setPublishTime(tx, notice, capacities, actor, 'schedule', publishAt);
}

/** The posted time for this notice, checked: in the future in its estate's zone, and before it expires. */
async function checkedTime(tx: Executor, notice: Notice, input: unknown, now: Date): Promise<Date> {
	const { publishAt: typed } = parseInput(noticeTimeSchema, input);
	const { timeZone } = await estateZone(tx, notice.estateId);
	const publishAt = publishTimeOf(typed, timeZone, now);
	if (notice.expiresAt && notice.expiresAt <= publishAt) throw new InputError('publishAt', m.notices_publish_after_expiry());
	return publishAt;
}

/** Schedules a draft for the posted time (`publishAt`, in the estate's zone). */
export async function scheduleNotice(actor: Actor | null, noticeId: string, input: unknown, now = new Date()): Promise<void> {
	requireStaff(actor, 'notices.manage');
	await db().transaction(async (tx) => {
		const { notice, capacities } = await loadOfficeNotice(tx, actor, noticeId, { forUpdate: true });
		noticeMachine.take(notice.state, 'schedule', capacities);
		await scheduleLocked(tx, notice, capacities, actor, await checkedTime(tx, notice, input, now));
	});
}

/** Moves a scheduled notice to the posted time: its job runs then, and not at the old time. */
export async function rescheduleNotice(actor: Actor | null, noticeId: string, input: unknown, now = new Date()): Promise<void> {
	requireStaff(actor, 'notices.manage');
	await db().transaction(async (tx) => {
		const { notice, capacities } = await loadOfficeNotice(tx, actor, noticeId, { forUpdate: true });
		noticeMachine.take(notice.state, 'reschedule', capacities);
		await setPublishTime(tx, notice, capacities, actor, 'reschedule', await checkedTime(tx, notice, input, now));
	});
}

/** Takes a scheduled notice back to a draft: it has no time and its job is gone until it is scheduled again. */
export async function unscheduleNotice(actor: Actor | null, noticeId: string): Promise<void> {
	requireStaff(actor, 'notices.manage');
	await db().transaction(async (tx) => {
		const { notice, capacities } = await loadOfficeNotice(tx, actor, noticeId, { forUpdate: true });
		await setPublishTime(tx, notice, capacities, actor, 'unschedule', null);
	});
}
