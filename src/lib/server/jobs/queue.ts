/**
 * Durable jobs: "jobs are rows" (see /work/shared/architecture.md).
 *
 * - scheduleJob writes the row with the caller's executor, inside the caller's transaction, so
 *   a job exists if and only if the state change that needs it committed.
 * - claimDueJobs takes due rows with `FOR UPDATE SKIP LOCKED` and gives each a lease
 *   (lockedUntil) in one transaction: concurrent workers never claim the same job, and a job
 *   whose worker died becomes claimable again once its lease runs out.
 * - runDueJobs runs each claimed job's handler, then marks it done; a failure is recorded and
 *   retried with exponential backoff until maxAttempts, then the job is marked failed.
 *
 * Delivery is AT LEAST ONCE. A worker can die (or its lease can run out) after the handler did
 * its work but before the job was marked done; the job then runs again. Every handler must be
 * idempotent: read the current state first and act only if the work is still needed (e.g.
 * escalate a repair only if it is still overdue and not yet escalated), and write its effect
 * and that marker in one transaction. Handlers must also finish well within the lease.
 */
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { db as currentDb, type Db, type Executor } from '../db/client.ts';
import { jobs } from '../db/schema/index.ts';
import { log } from '../log.ts';
import { observeJob } from '../metrics.ts';

export type Job = typeof jobs.$inferSelect;

/**
 * Payload type of each job kind the app schedules, e.g. `'repair.sla-check': { repairId: string }`.
 * Empty here: the one registry of job kinds (boot/job-handlers.ts) fills it in by declaration
 * merging, so that this module imports no domain and scheduleJob still checks payloads.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JobPayloads {}

type JobKind = keyof JobPayloads;

/** The payload type registered for a kind in JobPayloads (handlers.ts); unknown for others. */
export type PayloadOf<K extends string> = K extends JobKind ? JobPayloads[K] : unknown;

export interface JobContext {
	job: Job;
	now: Date;
	/** The worker's database: handlers open their own transactions on it. */
	db: Db;
}

export type JobHandler<P = never> = (payload: P, context: JobContext) => Promise<void>;
/** Handlers by job kind. */
export type JobHandlers = Readonly<Record<string, JobHandler<never>>>;

const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_LEASE_MS = 5 * 60_000;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;

/** Wait before the next try after `attempts` failed tries: 30 s, 1 min, 2 min, … at most 1 h. */
export function retryDelayMs(attempts: number): number {
	return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
}

export interface ScheduleJobInput<K extends string> {
	kind: K;
	payload: PayloadOf<K>;
	runAt: Date;
	/** Names the job: while a job with this key is pending, scheduling it again adds nothing. */
	dedupeKey?: string;
	maxAttempts?: number;
}

/**
 * Adds a job with the caller's executor — pass the transaction that makes the state change.
 * Returns the job's id and whether it was created (false: a pending job has the dedupeKey).
 */
export async function scheduleJob<K extends string>(
	executor: Executor,
	input: ScheduleJobInput<K>
): Promise<{ id: string; created: boolean }> {
	const values = {
		kind: input.kind,
		payload: input.payload ?? {},
		runAt: input.runAt,
		dedupeKey: input.dedupeKey ?? null,
		maxAttempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
	};
	if (!input.dedupeKey) {
		const [row] = await executor.insert(jobs).values(values).returning({ id: jobs.id });
		return { id: row!.id, created: true };
	}
	const [row] = await executor
		.insert(jobs)
		.values(values)
		.onConflictDoNothing({
			target: jobs.dedupeKey,
			where: sql`${jobs.dedupeKey} is not null and ${jobs.doneAt} is null and ${jobs.failedAt} is null`
		})
		.returning({ id: jobs.id });
	if (row) return { id: row.id, created: true };
	const [existing] = await executor
		.select({ id: jobs.id })
		.from(jobs)
		.where(and(eq(jobs.dedupeKey, input.dedupeKey), pending()));
	return { id: existing!.id, created: false };
}

/**
 * Schedules the job unless one with its dedupeKey exists that has not failed (pending, running
 * or already done): the shape of a recurring chain, where each occurrence has a key of its own
 * (e.g. a day) and the job of one occurrence schedules the next. Returns whether it was added.
 */
export async function scheduleOnce<K extends string>(
	executor: Executor,
	input: ScheduleJobInput<K> & { dedupeKey: string }
): Promise<boolean> {
	const [existing] = await executor
		.select({ id: jobs.id })
		.from(jobs)
		.where(and(eq(jobs.dedupeKey, input.dedupeKey), isNull(jobs.failedAt)))
		.limit(1);
	if (existing) return false;
	return (await scheduleJob(executor, input)).created;
}

/**
 * Deletes the pending job with this key (e.g. the SLA check of a repair that was answered in
 * time); returns how many were removed. A handler already running is not stopped, which is one
 * more reason for handlers to check the current state first.
 */
export async function cancelJobs(executor: Executor, dedupeKey: string): Promise<number> {
	const removed = await executor
		.delete(jobs)
		.where(and(eq(jobs.dedupeKey, dedupeKey), pending()))
		.returning({ id: jobs.id });
	return removed.length;
}

function pending() {
	return and(isNull(jobs.doneAt), isNull(jobs.failedAt));
}

export interface WorkerOptions {
	leaseMs?: number;
	/** Claim only these kinds (runDueJobs passes its handlers' kinds); all kinds when absent. */
	kinds?: readonly string[];
	/** Defaults to the app's database; tests hand in other connections to act as other processes. */
	db?: Db;
}

/**
 * Claims up to `limit` due jobs for this worker: pending, runAt ≤ now, not leased (or the lease
 * ran out). Each claim counts as an attempt and leases the job until now + leaseMs.
 */
export async function claimDueJobs(workerId: string, limit: number, now: Date, options: WorkerOptions = {}): Promise<Job[]> {
	const database = options.db ?? currentDb();
	const lockedUntil = new Date(now.getTime() + (options.leaseMs ?? DEFAULT_LEASE_MS));
	if (options.kinds?.length === 0) return [];
	return database.transaction(async (tx) => {
		const due = await tx
			.select({ id: jobs.id })
			.from(jobs)
			.where(
				and(
					pending(),
					lte(jobs.runAt, now),
					or(isNull(jobs.lockedUntil), lte(jobs.lockedUntil, now)),
					options.kinds ? inArray(jobs.kind, [...options.kinds]) : undefined
				)
			)
			.orderBy(asc(jobs.runAt), asc(jobs.id))
			.limit(limit)
			.for('update', { skipLocked: true });
		if (due.length === 0) return [];
		const claimed = await tx
			.update(jobs)
			.set({ lockedBy: workerId, lockedUntil, attempts: sql`${jobs.attempts} + 1` })
			.where(
				inArray(
					jobs.id,
					due.map((row) => row.id)
				)
			)
			.returning();
		// In the order they fell due: UPDATE … RETURNING gives rows in whatever order it found them.
		const place = new Map(due.map((row, index) => [row.id, index]));
		return claimed.sort((a, b) => place.get(a.id)! - place.get(b.id)!);
	});
}

export interface RunDueJobsOptions extends WorkerOptions {
	handlers: JobHandlers;
	workerId: string;
	now?: Date;
	limit?: number;
	/** Asked before each job: once true (the server is shutting down) the rest of the batch is released. */
	stopping?: () => boolean;
}

export interface RunSummary {
	claimed: number;
	done: number;
	retried: number;
	failed: number;
	/** Claimed but handed back unrun because the process is stopping. */
	released: number;
}

/**
 * Claims due jobs of the kinds it has handlers for and runs them one after another (a job of a
 * kind no handler knows waits, e.g. for a newer app version); see the file comment.
 */
export async function runDueJobs(options: RunDueJobsOptions): Promise<RunSummary> {
	const database = options.db ?? currentDb();
	const now = options.now ?? new Date();
	const kinds = Object.keys(options.handlers);
	const claimed = await claimDueJobs(options.workerId, options.limit ?? 20, now, { ...options, kinds });
	const summary: RunSummary = { claimed: claimed.length, done: 0, retried: 0, failed: 0, released: 0 };
	for (const [index, job] of claimed.entries()) {
		if (options.stopping?.()) {
			summary.released = await releaseJobs(database, claimed.slice(index), options.workerId);
			break;
		}
		const started = performance.now();
		const outcome = await runOne(database, job, options.handlers, options.workerId, now);
		observeJob(job.kind, outcome);
		log().info(
			{
				jobId: job.id,
				kind: job.kind,
				workerId: options.workerId,
				attempt: job.attempts,
				outcome,
				ms: Math.round(performance.now() - started)
			},
			'job'
		);
		summary[outcome]++;
	}
	return summary;
}

/**
 * Hands claimed jobs back unrun — the claim and its attempt undone — so another process takes them
 * at its next poll instead of after the lease. Returns how many were still ours to release.
 */
async function releaseJobs(database: Db, claimed: readonly Job[], workerId: string): Promise<number> {
	let released = 0;
	for (const job of claimed) {
		const rows = await database
			.update(jobs)
			.set({ lockedBy: null, lockedUntil: null, attempts: sql`${jobs.attempts} - 1` })
			.where(stillOurs(job, workerId))
			.returning({ id: jobs.id });
		released += rows.length;
	}
	return released;
}

/** Only the worker holding the claim (same worker, same attempt) may settle the job. */
function stillOurs(job: Job, workerId: string) {
	return and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId), eq(jobs.attempts, job.attempts));
}

async function runOne(database: Db, job: Job, handlers: JobHandlers, workerId: string, now: Date): Promise<'done' | 'retried' | 'failed'> {
	const handler = handlers[job.kind];
	let error: string | null = null;
	if (job.attempts > job.maxAttempts) {
		// The last allowed attempt never reported back: its worker died or overran the lease.
		error = job.lastError ?? 'The last attempt did not finish before its lease ran out.';
	} else if (!handler) {
		error = `No handler for job kind "${job.kind}".`; // only when claimed without a kinds filter
	} else {
		try {
			await handler(job.payload as never, { job, now, db: database });
		} catch (err) {
			error = err instanceof Error ? (err.stack ?? err.message) : String(err);
		}
	}
	if (error === null) {
		await database.update(jobs).set({ doneAt: new Date(), lockedUntil: null }).where(stillOurs(job, workerId));
		return 'done';
	}
	const giveUp = job.attempts >= job.maxAttempts;
	await database
		.update(jobs)
		.set(
			giveUp
				? { failedAt: new Date(), lockedUntil: null, lastError: error }
				: { runAt: new Date(now.getTime() + retryDelayMs(job.attempts)), lockedUntil: null, lastError: error }
		)
		.where(stillOurs(job, workerId));
	return giveUp ? 'failed' : 'retried';
}
