import { Writable } from 'node:stream';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUrl } from '../../../tests/test-database.ts';
import { logSlowQueries } from './db/slow-queries.ts';
import { inRequest, log, newLogger, requestIdFor, useLogger } from './log.ts';
import { observeRequest, registry } from './metrics.ts';

/** The JSON lines the process's logger writes while these tests run. */
const lines: Record<string, unknown>[] = [];
const sink = new Writable({
	write(chunk: Buffer, _encoding, done) {
		for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
		done();
	}
});
let before: ReturnType<typeof log>;
beforeAll(() => {
	before = log();
	useLogger(newLogger('info', sink));
});
afterAll(() => useLogger(before));

describe('the log', () => {
	it('writes JSON lines that carry the id of the request they were written for, across awaits', async () => {
		lines.length = 0;
		await inRequest('req-12345678', async () => {
			log().info({ step: 1 }, 'first');
			await new Promise((resolve) => setTimeout(resolve, 5));
			log().warn({ step: 2 }, 'second');
		});
		log().info('outside');
		expect(lines.map((l) => [l.msg, l.requestId, l.level])).toEqual([
			['first', 'req-12345678', 30],
			['second', 'req-12345678', 40],
			['outside', undefined, 30]
		]);
		expect(typeof lines[0]!.time).toBe('string');
	});

	it("keeps the proxy's request id when it looks like one and makes a new one otherwise", () => {
		expect(requestIdFor('lb-9f3a1c2b7d')).toBe('lb-9f3a1c2b7d');
		for (const bad of [null, '', 'short', 'has spaces in it', 'x'.repeat(65), '<script>alert(1)</script>'])
			expect(requestIdFor(bad)).toMatch(/^[0-9a-f-]{36}$/);
	});
});

describe('metrics', () => {
	it('count requests by route id, method and status, in the Prometheus text format', async () => {
		observeRequest('GET', '/app/repairs/[id]', 200, 0.012);
		observeRequest('GET', '/app/repairs/[id]', 200, 0.3);
		observeRequest('POST', null, 404, 0.001);
		const text = await registry.getSingleMetricAsString('lobby_http_request_duration_seconds');
		expect(text).toContain('lobby_http_request_duration_seconds_count{method="GET",route="/app/repairs/[id]",status="200"} 2');
		expect(text).toContain('lobby_http_request_duration_seconds_bucket{le="0.025",method="GET",route="/app/repairs/[id]",status="200"} 1');
		expect(text).toContain('route="unmatched",status="404"');
	});
});

describe('slow-query log (PostgreSQL)', () => {
	const client = postgres(adminUrl, { max: 2, onnotice: () => {} });
	afterAll(() => client.end({ timeout: 5 }));

	it('logs a statement slower than the threshold with its text and request, not its parameters, in and out of transactions', async () => {
		const watched = logSlowQueries(client, 40);
		lines.length = 0;
		await inRequest('req-slowquery', async () => {
			await watched.unsafe('select pg_sleep(0.06), $1::text as secret', ['a person’s phone']);
			await watched.unsafe('select 1');
			await watched.begin(async (tx) => {
				await tx.unsafe('select pg_sleep(0.05) /* in a transaction */');
				await tx.savepoint(async (inner) => inner.unsafe('select pg_sleep(0.05) /* in a savepoint */'));
			});
		});
		const slow = lines.filter((l) => l.msg === 'slow query');
		expect(slow.map((l) => l.statement)).toEqual([
			'select pg_sleep(0.06), $1::text as secret',
			'select pg_sleep(0.05) /* in a transaction */',
			'select pg_sleep(0.05) /* in a savepoint */'
		]);
		expect(slow.every((l) => l.requestId === 'req-slowquery' && (l.ms as number) >= 40)).toBe(true);
		expect(JSON.stringify(lines)).not.toContain('phone');
	});

	it('leaves what a statement returns as it was (drizzle reads rows as arrays through .values())', async () => {
		const watched = logSlowQueries(client, 1000);
		expect(await watched.unsafe('select 1 as one, 2 as two').values()).toEqual([[1, 2]]);
		expect(await watched.unsafe('select $1::int as n', [7])).toEqual([{ n: 7 }]);
	});
});
