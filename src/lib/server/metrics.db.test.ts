import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeEvent, statusOf } from '../../../tests/request-event.ts';
import { GET } from '../../routes/metrics/+server.ts';
import { resetConfig } from './config.ts';
import { db } from './db/client.ts';
import { jobs } from './db/schema/index.ts';
import { scheduleJob } from './jobs/queue.ts';

const token = 'scrape-token-0123456789abcdef';
const scrapeWith = (authorization?: string) =>
	GET(fakeEvent({ path: '/metrics', headers: authorization ? { authorization } : {} })) as Promise<Response>;

describe('/metrics', () => {
	beforeEach(() => {
		process.env.METRICS_TOKEN = token;
		resetConfig();
	});
	afterEach(() => {
		delete process.env.METRICS_TOKEN;
		resetConfig();
	});

	it('answers Prometheus with the job queue as the database holds it, for the bearer of the token', async () => {
		await db().delete(jobs);
		const hourAgo = new Date(Date.now() - 3600_000);
		await scheduleJob(db(), { kind: 'test.metrics', payload: {}, runAt: hourAgo });
		await scheduleJob(db(), { kind: 'test.metrics', payload: {}, runAt: new Date(Date.now() + 3600_000) });

		const response = await scrapeWith(`Bearer ${token}`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
		const text = await response.text();
		expect(text).toMatch(/^lobby_jobs_due 1$/m);
		const oldest = Number(/^lobby_jobs_oldest_due_seconds (\S+)$/m.exec(text)?.[1]);
		expect(oldest).toBeGreaterThanOrEqual(3599);
		expect(oldest).toBeLessThan(3700);
		expect(text).toContain('# TYPE lobby_http_request_duration_seconds histogram');
		expect(text).toContain('# TYPE lobby_jobs_failed_total counter');
		expect(text).toContain('process_cpu_seconds_total');
	});

	it('refuses anyone without the token, and does not exist when no token is set', async () => {
		for (const authorization of [undefined, 'Bearer wrong', `Bearer ${token}x`, `Basic ${token}`, token]) {
			const response = await scrapeWith(authorization);
			expect(response.status).toBe(401);
			expect(await response.text()).not.toContain('lobby_');
		}
		delete process.env.METRICS_TOKEN;
		resetConfig();
		expect(await statusOf(() => scrapeWith(`Bearer ${token}`))).toBe(404);
	});
});
