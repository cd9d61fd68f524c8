import { setTimeout as sleep } from 'node:timers/promises';
import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { database, db, openPostgres } from '../db/client.ts';
import { jobs } from '../db/schema/index.ts';
import { cancelJobs, claimDueJobs, retryDelayMs, runDueJobs, scheduleJob, type JobHandler, type JobHandlers } from './queue.ts';
import { startJobRunner } from './runner.ts';

const T0 = new Date('2026-03-09T02:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const SECOND = 1000;

async function jobRow(id: string) {
	const [row] = await db().select().from(jobs).where(eq(jobs.id, id));
	return row!;
}

async function jobCount(): Promise<number> {
	const [row] = await db()
		.select({ n: sql<number>`count(*)::int` })
		.from(jobs);
	return row!.n;
}

/** A handler that records the payloads it was given. */
function recorder() {
	const calls: unknown[] = [];
	const handler: JobHandler<unknown> = async (payload) => {
		calls.push(payload);
	};
	return { calls, handlers: { 'test.record': handler } as JobHandlers };
}

function failing(message = 'boom') {
	let calls = 0;
	const handler: JobHandler<unknown> = async () => {
		calls++;
		throw new Error(message);
	};
	return { calls: () => calls, handlers: { 'test.fail': handler } as JobHandlers };
}

beforeEach(async () => {
	await db().delete(jobs);
});

describe('scheduling', () => {
	it('inside a transaction that rolls back leaves no job', async () => {
		await expect(
			db().transaction(async (tx) => {
				await scheduleJob(tx, { kind: 'test.record', payload: { n: 1 }, runAt: T0, dedupeKey: 'k' });
				throw new Error('the state change failed');
			})
		).rejects.toThrow('the state change failed');
		expect(await jobCount()).toBe(0);
	});

	it('inside a transaction that commits leaves the job, due at runAt', async () => {
		const { id, created } = await db().transaction((tx) => scheduleJob(tx, { kind: 'test.record', payload: { n: 1 }, runAt: T0 }));
		expect(created).toBe(true);
		const row = await jobRow(id);
		expect(row).toMatchObject({ kind: 'test.record', payload: { n: 1 }, attempts: 0, maxAttempts: 5, doneAt: null });
		expect(row.runAt.toISOString()).toBe(T0.toISOString());
	});

	it('with the same dedupeKey while the first is pending adds no second row', async () => {
		const first = await scheduleJob(db(), { kind: 'test.record', payload: { n: 1 }, runAt: T0, dedupeKey: 'repair:1:sla' });
		const again = await db().transaction((tx) =>
			scheduleJob(tx, { kind: 'test.record', payload: { n: 2 }, runAt: at(60 * SECOND), dedupeKey: 'repair:1:sla' })
		);
		expect(again).toEqual({ id: first.id, created: false });
		expect(await jobCount()).toBe(1);
		expect((await jobRow(first.id)).payload).toEqual({ n: 1 });
		// Other keys and jobs without a key are separate jobs.
		await scheduleJob(db(), { kind: 'test.record', payload: {}, runAt: T0, dedupeKey: 'repair:2:sla' });
		await scheduleJob(db(), { kind: 'test.record', payload: {}, runAt: T0 });
		await scheduleJob(db(), { kind: 'test.record', payload: {}, runAt: T0 });
		expect(await jobCount()).toBe(4);
	});

	it('with a dedupeKey whose job already ran schedules a new job and keeps the old one as history', async () => {
		const { handlers } = recorder();
		const first = await scheduleJob(db(), { kind: 'test.record', payload: { n: 1 }, runAt: T0, dedupeKey: 'repair:1:sla' });
		await runDueJobs({ handlers, workerId: 'w', now: T0 });
		const second = await scheduleJob(db(), { kind: 'test.record', payload: { n: 2 }, runAt: at(SECOND), dedupeKey: 'repair:1:sla' });
		expect(second.created).toBe(true);
		expect(second.id).not.toBe(first.id);
		expect((await jobRow(first.id)).doneAt).not.toBeNull();
	});

	it('cancelJobs removes the pending job with the key, and only that one', async () => {
		const { calls, handlers } = recorder();
		await scheduleJob(db(), { kind: 'test.record', payload: { n: 1 }, runAt: T0, dedupeKey: 'repair:1:sla' });
		await scheduleJob(db(), { kind: 'test.record', payload: { n: 2 }, runAt: T0, dedupeKey: 'repair:2:sla' });
		expect(await db().transaction((tx) => cancelJobs(tx, 'repair:1:sla'))).toBe(1);
		expect(await cancelJobs(db(), 'repair:1:sla')).toBe(0);
		await runDueJobs({ handlers, workerId: 'w', now: T0 });
		expect(calls).toEqual([{ n: 2 }]);
		// A job that already ran is history, not cancelled.
		expect(await cancelJobs(db(), 'repair:2:sla')).toBe(0);
		expect(await jobCount()).toBe(1);
	});
});

describe('running due jobs', () => {
	it('runs a job at its runAt and not before, then marks it done and never runs it again', async () => {
		const { calls, handlers } = recorder();
		const { id } = await scheduleJob(db(), { kind: 'test.record', payload: { n: 7 }, runAt: T0 });
		expect(await runDueJobs({ handlers, workerId: 'w', now: at(-SECOND) })).toMatchObject({ claimed: 0 });
		expect(calls).toEqual([]);
		expect(await runDueJobs({ handlers, workerId: 'w', now: T0 })).toEqual({ claimed: 1, done: 1, retried: 0, failed: 0, released: 0 });
		expect(calls).toEqual([{ n: 7 }]);
		const row = await jobRow(id);
		expect(row.doneAt).not.toBeNull();
		expect(row).toMatchObject({ attempts: 1, lockedBy: 'w', lockedUntil: null });
		expect(await runDueJobs({ handlers, workerId: 'w', now: at(3600 * SECOND) })).toMatchObject({ claimed: 0 });
		expect(calls).toHaveLength(1);
	});

	it('runs a claimed batch in the order its jobs fell due, whatever order they were scheduled in', async () => {
		const { calls, handlers } = recorder();
		for (const n of [3, 1, 2]) await scheduleJob(db(), { kind: 'test.record', payload: { n }, runAt: at(n * SECOND) });
		expect(await runDueJobs({ handlers, workerId: 'w', now: at(10 * SECOND) })).toMatchObject({ claimed: 3, done: 3 });
		expect(calls).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
	});

	it('hands the rest of a claimed batch back unrun when the process stops, for another to take at once', async () => {
		const { calls, handlers } = recorder();
		const ids = [];
		for (const n of [1, 2, 3]) ids.push((await scheduleJob(db(), { kind: 'test.record', payload: { n }, runAt: at(n * SECOND) })).id);
		let stopping = false;
		const stopAfterFirst: JobHandlers = {
			'test.record': async (payload, context) => {
				await handlers['test.record']!(payload, context);
				stopping = true; // the shutdown signal arrives while the first job runs
			}
		};
		const summary = await runDueJobs({ handlers: stopAfterFirst, workerId: 'leaving', now: at(10 * SECOND), stopping: () => stopping });
		expect(summary).toEqual({ claimed: 3, done: 1, retried: 0, failed: 0, released: 2 });
		expect(calls).toEqual([{ n: 1 }]);
		for (const id of ids.slice(1)) expect(await jobRow(id)).toMatchObject({ attempts: 0, lockedBy: null, lockedUntil: null, doneAt: null });
		// Another process takes them at its next poll, well inside the leaving one's lease.
		expect(await runDueJobs({ handlers, workerId: 'staying', now: at(11 * SECOND) })).toMatchObject({ claimed: 2, done: 2 });
		expect(calls).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
		expect(await jobRow(ids[2]!)).toMatchObject({ attempts: 1, lockedBy: 'staying' });
	});

	it('runs the earliest due jobs first, up to the limit', async () => {
		const { calls, handlers } = recorder();
		for (const n of [3, 1, 2]) await scheduleJob(db(), { kind: 'test.record', payload: { n }, runAt: at(n * SECOND) });
		await runDueJobs({ handlers, workerId: 'w', now: at(10 * SECOND), limit: 2 });
		expect(calls).toEqual([{ n: 1 }, { n: 2 }]);
	});

	it('leaves jobs of kinds it has no handler for to a worker that has one', async () => {
		const { calls, handlers } = recorder();
		const { id } = await scheduleJob(db(), { kind: 'test.unknown', payload: {}, runAt: T0 });
		expect(await runDueJobs({ handlers, workerId: 'w', now: T0 })).toMatchObject({ claimed: 0 });
		expect(await runDueJobs({ handlers: {}, workerId: 'w', now: T0 })).toMatchObject({ claimed: 0 });
		expect(calls).toEqual([]);
		expect(await jobRow(id)).toMatchObject({ attempts: 0, doneAt: null, failedAt: null });
	});

	it('hands the handler the job and the run time', async () => {
		let seen: { attempts: number; now: Date } | undefined;
		const handlers = {
			'test.context': (async (_payload, context) => {
				seen = { attempts: context.job.attempts, now: context.now };
			}) satisfies JobHandler<unknown>
		} as JobHandlers;
		await scheduleJob(db(), { kind: 'test.context', payload: {}, runAt: T0 });
		await runDueJobs({ handlers, workerId: 'w', now: at(SECOND) });
		expect(seen).toEqual({ attempts: 1, now: at(SECOND) });
	});
});

describe('failures', () => {
	it('are recorded and retried with exponential backoff', async () => {
		expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
		expect(retryDelayMs(20)).toBe(3_600_000);

		const { calls, handlers } = failing('printer on fire');
		const { id } = await scheduleJob(db(), { kind: 'test.fail', payload: {}, runAt: T0 });
		expect(await runDueJobs({ handlers, workerId: 'w', now: T0 })).toEqual({ claimed: 1, done: 0, retried: 1, failed: 0, released: 0 });
		let row = await jobRow(id);
		expect(row).toMatchObject({ attempts: 1, lockedUntil: null, doneAt: null, failedAt: null });
		expect(row.lastError).toContain('printer on fire');
		expect(row.runAt.toISOString()).toBe(at(30 * SECOND).toISOString());

		// Not due again before the backoff is over.
		expect(await runDueJobs({ handlers, workerId: 'w', now: at(29 * SECOND) })).toMatchObject({ claimed: 0 });
		expect(await runDueJobs({ handlers, workerId: 'w', now: at(30 * SECOND) })).toMatchObject({ retried: 1 });
		row = await jobRow(id);
		expect(row.attempts).toBe(2);
		expect(row.runAt.toISOString()).toBe(at(90 * SECOND).toISOString());
		expect(calls()).toBe(2);
	});

	it('mark the job failed after maxAttempts, and it is not run again', async () => {
		const { calls, handlers } = failing();
		const { id } = await scheduleJob(db(), { kind: 'test.fail', payload: {}, runAt: T0, maxAttempts: 3 });
		const outcomes = [];
		for (let hour = 0; hour < 5; hour++) {
			outcomes.push(await runDueJobs({ handlers, workerId: 'w', now: at(hour * 3600 * SECOND) }));
		}
		expect(outcomes.map((o) => [o.retried, o.failed])).toEqual([
			[1, 0],
			[1, 0],
			[0, 1],
			[0, 0],
			[0, 0]
		]);
		expect(calls()).toBe(3);
		const row = await jobRow(id);
		expect(row.failedAt).not.toBeNull();
		expect(row).toMatchObject({ attempts: 3, doneAt: null, lockedUntil: null });
		expect(row.lastError).toContain('boom');
	});

	it('a job whose worker died is claimed again once its lease has run out', async () => {
		const { calls, handlers } = recorder();
		const { id } = await scheduleJob(db(), { kind: 'test.record', payload: { n: 1 }, runAt: T0 });
		const [claimed] = await claimDueJobs('crashed-worker', 10, T0, { leaseMs: 60 * SECOND });
		expect(claimed).toMatchObject({ id, lockedBy: 'crashed-worker', attempts: 1 });

		// While the lease holds nobody else takes it.
		expect(await runDueJobs({ handlers, workerId: 'w2', now: at(59 * SECOND) })).toMatchObject({ claimed: 0 });
		expect(await runDueJobs({ handlers, workerId: 'w2', now: at(60 * SECOND) })).toMatchObject({ claimed: 1, done: 1 });
		expect(calls).toEqual([{ n: 1 }]);
		expect(await jobRow(id)).toMatchObject({ attempts: 2, lockedBy: 'w2' });
	});

	it('a job whose last allowed attempt died is marked failed without running it again', async () => {
		const { calls, handlers } = recorder();
		const { id } = await scheduleJob(db(), { kind: 'test.record', payload: {}, runAt: T0, maxAttempts: 1 });
		await claimDueJobs('crashed-worker', 10, T0, { leaseMs: 60 * SECOND });
		expect(await runDueJobs({ handlers, workerId: 'w2', now: at(61 * SECOND) })).toMatchObject({ claimed: 1, failed: 1 });
		expect(calls).toEqual([]);
		const row = await jobRow(id);
		expect(row.failedAt).not.toBeNull();
		expect(row.lastError).toMatch(/lease/);
	});

	it('a worker that lost its lease cannot settle the job another worker has taken over', async () => {
		let release!: () => void;
		const slow: JobHandler<unknown> = () => new Promise<void>((resolve) => (release = resolve));
		const { calls, handlers } = recorder();
		const { id } = await scheduleJob(db(), { kind: 'test.record', payload: {}, runAt: T0 });
		// The slow worker claims with a lease that has already run out by the time it finishes.
		const slowRun = runDueJobs({ handlers: { 'test.record': slow }, workerId: 'slow', now: T0, leaseMs: 1 });
		while (!release) await sleep(5);
		expect(await runDueJobs({ handlers, workerId: 'fast', now: at(SECOND) })).toMatchObject({ done: 1 });
		const doneAt = (await jobRow(id)).doneAt;
		release();
		await slowRun;
		expect(calls).toHaveLength(1);
		expect(await jobRow(id)).toMatchObject({ lockedBy: 'fast', attempts: 2, doneAt });
	});
});

describe('the job runner', () => {
	it('polls and runs due jobs until stopped', async () => {
		const { calls, handlers } = recorder();
		await scheduleJob(db(), { kind: 'test.record', payload: { n: 1 }, runAt: new Date(Date.now() - SECOND) });
		const runner = startJobRunner({ handlers, pollMs: 20 });
		try {
			for (let i = 0; i < 200 && calls.length === 0; i++) await sleep(10);
			await scheduleJob(db(), { kind: 'test.record', payload: { n: 2 }, runAt: new Date(Date.now() - SECOND) });
			for (let i = 0; i < 200 && calls.length < 2; i++) await sleep(10);
		} finally {
			await runner.stop();
		}
		expect(calls).toEqual([{ n: 1 }, { n: 2 }]);
		await scheduleJob(db(), { kind: 'test.record', payload: { n: 3 }, runAt: new Date(Date.now() - SECOND) });
		await sleep(100);
		expect(calls).toHaveLength(2);
	});
});

describe.runIf(process.env.TEST_DB === 'postgres')('several workers on PostgreSQL', () => {
	it('4 workers on separate connections over 200 due jobs run each job exactly once', async () => {
		const url = database().url!;
		const workers = await Promise.all([1, 2, 3, 4].map(() => openPostgres(url)));
		try {
			await db()
				.insert(jobs)
				.values(Array.from({ length: 200 }, (_, n) => ({ kind: 'test.count', payload: { n }, runAt: at(-n * SECOND) })));
			const calls = new Map<string, number>();
			const ranBy = new Map<string, number>();
			const handlerFor =
				(worker: string): JobHandler<unknown> =>
				async (_payload, { job }) => {
					calls.set(job.id, (calls.get(job.id) ?? 0) + 1);
					ranBy.set(worker, (ranBy.get(worker) ?? 0) + 1);
					await sleep(1); // let the other workers' claims interleave
				};
			await Promise.all(
				workers.map(async (worker, i) => {
					const handlers = { 'test.count': handlerFor(`w${i}`) } as JobHandlers;
					for (;;) {
						const { claimed } = await runDueJobs({ handlers, workerId: `w${i}`, now: T0, limit: 5, db: worker.db });
						if (claimed === 0) break;
					}
				})
			);
			expect(calls.size).toBe(200);
			expect([...calls.values()].every((n) => n === 1)).toBe(true);
			expect(ranBy.size).toBeGreaterThan(1);
			const [left] = await db()
				.select({ n: sql<number>`count(*)::int` })
				.from(jobs)
				.where(sql`${jobs.doneAt} is null or ${jobs.attempts} <> 1`);
			expect(left!.n).toBe(0);
		} finally {
			await Promise.all(workers.map((w) => w.close()));
		}
	});
});
