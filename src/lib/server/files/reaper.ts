import { addDays, DEFAULT_TIME_ZONE, localDate, localInstant, type BusinessDate } from '#lib/time/index.ts';
import type { Executor } from '../db/client.ts';
import { scheduleOnce, type JobContext } from '../jobs/queue.ts';
import { reapOrphanFiles } from './service.ts';
import { reapStaleUploads } from '../forms/upload-form.ts';
import { reapExpiredResumableUploads } from './resumable.ts';

export const REAP_ORPHANS_JOB = 'files.reap-orphans';

export interface ReapOrphansPayload {
	/** The day this run belongs to; the chain has one run per day. */
	day: BusinessDate;
}

// Stored files belong to no estate: the company's default zone decides what "a day" is, and the
// sweep runs at a quiet hour.
const RUN_AT_MINUTES = 3 * 60 + 30;

/** Schedules the sweep of one day unless it is scheduled or done already. */
function scheduleOrphanReaping(executor: Executor, day: BusinessDate): Promise<boolean> {
	return scheduleOnce(executor, {
		kind: REAP_ORPHANS_JOB,
		payload: { day } satisfies ReapOrphansPayload,
		runAt: localInstant(day, RUN_AT_MINUTES, DEFAULT_TIME_ZONE),
		dedupeKey: `${REAP_ORPHANS_JOB}:${day}`
	});
}

/** At start: today's and tomorrow's sweeps exist (the chain then keeps itself going). */
export async function ensureOrphanReapingScheduled(executor: Executor, now: Date = new Date()): Promise<void> {
	const today = localDate(now, DEFAULT_TIME_ZONE);
	await scheduleOrphanReaping(executor, today);
	await scheduleOrphanReaping(executor, addDays(today, 1));
}

/**
 * Job 'files.reap-orphans': schedules the next day first (a failing sweep must not end the
 * chain), then deletes stored bytes no files row refers to (see reapOrphanFiles) and uploads a
 * crashed process left in UPLOAD_DIR, and resumable uploads nobody finished. Safe to run again.
 */
export async function reapOrphansJob(payload: ReapOrphansPayload, context: JobContext): Promise<void> {
	const today = localDate(context.now, DEFAULT_TIME_ZONE);
	await scheduleOrphanReaping(context.db, addDays(payload.day > today ? payload.day : today, 1));
	await reapOrphanFiles({ now: context.now }, context.db);
	await reapStaleUploads({ now: context.now });
	await reapExpiredResumableUploads();
}
