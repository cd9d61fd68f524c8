/**
 * KERNEL: what /metrics tells Prometheus about this process — request rates and latencies by
 * route, the job queue's depth and the age of its oldest due job (read from the database when
 * scraped, so every process reports the same queue), and the jobs that gave up.
 */
import { timingSafeEqual } from 'node:crypto';
import { and, isNull, lte, sql } from 'drizzle-orm';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { config } from './config.ts';
import { db } from './db/client.ts';
import { jobs } from './db/schema/index.ts';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const requestSeconds = new Histogram({
	name: 'lobby_http_request_duration_seconds',
	help: 'Time to answer a request, by method, route and status.',
	labelNames: ['method', 'route', 'status'] as const,
	buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
	registers: [registry]
});

const jobsFailed = new Counter({
	name: 'lobby_jobs_failed_total',
	help: 'Jobs that gave up after their last attempt, by kind (this process).',
	labelNames: ['kind'] as const,
	registers: [registry]
});

const jobsRun = new Counter({
	name: 'lobby_jobs_run_total',
	help: 'Job attempts this process finished, by kind and outcome.',
	labelNames: ['kind', 'outcome'] as const,
	registers: [registry]
});

new Gauge({
	name: 'lobby_jobs_due',
	help: 'Jobs due now and not yet done or failed (the whole queue).',
	registers: [registry],
	async collect() {
		this.set((await queueNow()).due);
	}
});

new Gauge({
	name: 'lobby_jobs_oldest_due_seconds',
	help: 'How long the oldest due job has waited (the whole queue).',
	registers: [registry],
	async collect() {
		this.set((await queueNow()).oldestSeconds);
	}
});

// Both queue gauges read one statement per scrape.
let lastRead: { at: number; value: Promise<{ due: number; oldestSeconds: number }> } | undefined;
function queueNow() {
	if (!lastRead || Date.now() - lastRead.at > 1000) {
		const now = new Date();
		lastRead = {
			at: Date.now(),
			value: db()
				.select({
					due: sql<number>`count(*)`.mapWith(Number),
					oldest: sql<number>`coalesce(extract(epoch from (${now.toISOString()}::timestamptz - min(${jobs.runAt}))), 0)`.mapWith(Number)
				})
				.from(jobs)
				.where(and(isNull(jobs.doneAt), isNull(jobs.failedAt), lte(jobs.runAt, now)))
				.then(([row]) => ({ due: row?.due ?? 0, oldestSeconds: Math.max(0, row?.oldest ?? 0) }))
		};
	}
	return lastRead.value;
}

/** One answered request: route is the route's id ("/app/repairs/[id]"), never the path with its ids. */
export function observeRequest(method: string, route: string | null, status: number, seconds: number): void {
	requestSeconds.observe({ method, route: route ?? 'unmatched', status: String(status) }, seconds);
}

/** One job attempt finished: done, retried, or failed (gave up). */
export function observeJob(kind: string, outcome: 'done' | 'retried' | 'failed'): void {
	jobsRun.inc({ kind, outcome });
	if (outcome === 'failed') jobsFailed.inc({ kind });
}

/**
 * The scrape: the metrics in Prometheus' text format for a bearer of METRICS_TOKEN; 'unauthorised'
 * for anyone else; 'off' when no token is set (then there is no /metrics at all).
 */
export async function scrape(authorization: string | null): Promise<{ body: string; contentType: string } | 'unauthorised' | 'off'> {
	const token = config().metricsToken;
	if (!token) return 'off';
	const given = Buffer.from(/^Bearer (\S+)$/.exec(authorization ?? '')?.[1] ?? '');
	const expected = Buffer.from(token);
	// Compared in constant time; a length mismatch is refused without comparing.
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'unauthorised';
	return { body: await registry.metrics(), contentType: registry.contentType };
}
