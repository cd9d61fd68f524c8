/**
 * Statements slower than SLOW_QUERY_MS are logged with their text (never their parameters: those
 * are people's data) and the request that sent them. PostgreSQL only: the postgres.js client is
 * wrapped where drizzle sends every statement (`unsafe`), in transactions too (`begin`,
 * `savepoint` hand out clients of their own). Timed from sending to the last row, waiting for a
 * pooled connection included — what the request waited.
 */
import type { Sql } from 'postgres';
import { log } from '../log.ts';

type Client = Pick<Sql, 'unsafe'> & { begin?: Sql['begin']; savepoint?: (...args: unknown[]) => Promise<unknown> };

export function logSlowQueries<T extends Client>(client: T, thresholdMs: number): T {
	const unsafe = client.unsafe.bind(client);
	client.unsafe = ((query: string, ...rest: unknown[]) => {
		const pending = (unsafe as (...args: unknown[]) => ReturnType<Sql['unsafe']>)(query, ...rest);
		const started = performance.now();
		// postgres.js sends a statement when it is first awaited, a microtask after this, so drizzle's
		// `.values()` on the same object still applies; this only watches it settle.
		pending.then(
			() => report(query, started, thresholdMs),
			() => report(query, started, thresholdMs)
		);
		return pending;
	}) as T['unsafe'];
	for (const opener of ['begin', 'savepoint'] as const) {
		const original = client[opener] as ((...args: unknown[]) => Promise<unknown>) | undefined;
		if (!original) continue;
		(client as Record<string, unknown>)[opener] = (...args: unknown[]) => {
			const callback = args.at(-1) as (inner: Client) => unknown;
			return original.apply(client, [...args.slice(0, -1), (inner: Client) => callback(logSlowQueries(inner, thresholdMs))]);
		};
	}
	return client;
}

function report(query: string, started: number, thresholdMs: number): void {
	const ms = performance.now() - started;
	if (ms >= thresholdMs) log().warn({ ms: Math.round(ms), statement: query.replace(/\s+/g, ' ').slice(0, 2000) }, 'slow query');
}
