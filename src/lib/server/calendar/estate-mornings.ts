/**
 * A job that runs every morning in each estate (reminders of what is overdue): a durable chain of
 * jobs, one per estate and business day, each scheduling the estate's next day before it works
 * (a failure today must not end the chain), at a wall-clock time in the estate's own zone. At
 * start the runs of each estate's today and tomorrow are made to exist, so a chain broken by a
 * failed day resumes. A run that starts late counts from the estate's real today.
 */
import { addDays, businessToday, localInstant, type BusinessDate } from '#lib/time/index.ts';
import type { Db, Executor } from '../db/client.ts';
import { estateZones, type EstateZone } from '../fees/estate-time.ts';
import { scheduleOnce, type JobContext, type JobPayloads } from '../jobs/queue.ts';

export interface EstateMorningPayload {
	/** The estate's business date the run is for. */
	day: string;
	estateId: string;
}

type MorningKind = { [K in keyof JobPayloads]: EstateMorningPayload extends JobPayloads[K] ? K : never }[keyof JobPayloads];

export function estateMornings(
	kind: MorningKind,
	atMinutes: number,
	work: (database: Db, estate: EstateZone, today: BusinessDate, now: Date) => Promise<unknown>
) {
	const runAt = (day: string, estate: EstateZone) => localInstant(day, atMinutes, estate.timeZone);
	const schedule = (executor: Executor, day: string, estate: EstateZone) =>
		scheduleOnce(executor, {
			kind,
			payload: { day, estateId: estate.id } satisfies EstateMorningPayload,
			runAt: runAt(day, estate),
			dedupeKey: `${kind}:${estate.id}:${day}`
		});
	return {
		runAt,
		/** At start: every estate's runs of its today and tomorrow exist. */
		ensureScheduled: async (executor: Executor, now: Date = new Date()): Promise<void> => {
			for (const estate of (await estateZones(executor)).values()) {
				const today = businessToday(estate, now);
				await schedule(executor, today, estate);
				await schedule(executor, addDays(today, 1), estate);
			}
		},
		/** The job's handler: schedule the estate's next day, then work. */
		run: async (payload: EstateMorningPayload, context: JobContext): Promise<void> => {
			const estate = (await estateZones(context.db)).get(payload.estateId);
			if (!estate) return;
			const today = businessToday(estate, context.now);
			await schedule(context.db, addDays(payload.day > today ? payload.day : today, 1), estate);
			await work(context.db, estate, today, context.now);
		}
	};
}
