import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetConfig } from '../config.ts';
import { db } from '../db/client.ts';
import { jobs } from '../db/schema/index.ts';
import { runDueJobs } from '../jobs/queue.ts';
import { jobHandlers } from '../boot/job-handlers.ts';
import { localDirectoryStorage } from '../storage/local-directory.ts';
import { storage, useStorage } from '../storage/configured.ts';
import { newStorageKey } from '../storage/storage.ts';
import { ensureOrphanReapingScheduled, REAP_ORPHANS_JOB } from './reaper.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lobby-reaper-'));
const incoming = fs.mkdtempSync(path.join(os.tmpdir(), 'lobby-reaper-incoming-'));
beforeAll(() => {
	process.env.UPLOAD_DIR = incoming;
	resetConfig();
});
afterAll(() => {
	delete process.env.UPLOAD_DIR;
	resetConfig();
	fs.rmSync(dir, { recursive: true, force: true });
	fs.rmSync(incoming, { recursive: true, force: true });
});

// 10:00 in Hong Kong on 1 December 2026.
const now = new Date('2026-12-01T02:00:00Z');

const reaperJobs = () =>
	db()
		.select({ key: jobs.dedupeKey, runAt: jobs.runAt, doneAt: jobs.doneAt })
		.from(jobs)
		.where(eq(jobs.kind, REAP_ORPHANS_JOB))
		.orderBy(asc(jobs.runAt));

beforeEach(async () => {
	await db().delete(jobs);
	fs.rmSync(dir, { recursive: true, force: true });
	useStorage(localDirectoryStorage(dir));
});

describe('the orphan-file sweep', () => {
	it('is scheduled at start for today and tomorrow, once however often the server starts', async () => {
		await ensureOrphanReapingScheduled(db(), now);
		await ensureOrphanReapingScheduled(db(), now);
		expect(await reaperJobs()).toEqual([
			{ key: 'files.reap-orphans:2026-12-01', runAt: new Date('2026-11-30T19:30:00Z'), doneAt: null },
			{ key: 'files.reap-orphans:2026-12-02', runAt: new Date('2026-12-01T19:30:00Z'), doneAt: null }
		]);
	});

	it('runs as a durable job that deletes unreferenced bytes and stale uploads past the grace period, and schedules the next day', async () => {
		const orphan = newStorageKey();
		await storage().put(orphan, new Uint8Array([1, 2, 3]), 'image/jpeg');
		const old = new Date(now.getTime() - 2 * 24 * 60 * 60 * 1000);
		const [shard1, shard2] = [orphan.slice(0, 2), orphan.slice(2, 4)];
		fs.utimesSync(path.join(dir, shard1, shard2, orphan), old, old);
		const fresh = newStorageKey();
		await storage().put(fresh, new Uint8Array([4]), 'image/jpeg');
		// A request's temporary upload left behind by a process that died, and one in progress.
		fs.mkdirSync(path.join(incoming, 'request-dead'));
		fs.utimesSync(path.join(incoming, 'request-dead'), old, old);
		fs.mkdirSync(path.join(incoming, 'request-live'));

		await ensureOrphanReapingScheduled(db(), now);
		const summary = await runDueJobs({ handlers: jobHandlers, workerId: 'test', now });
		expect(summary).toMatchObject({ claimed: 1, done: 1 });

		expect(await storage().get(orphan)).toBeNull();
		// Bytes younger than the grace period may belong to a transaction still open.
		expect(await storage().get(fresh)).not.toBeNull();
		expect(fs.readdirSync(incoming)).toEqual(['request-live']);
		const pending = await db()
			.select({ key: jobs.dedupeKey })
			.from(jobs)
			.where(and(eq(jobs.kind, REAP_ORPHANS_JOB), isNull(jobs.doneAt)));
		expect(pending).toEqual([{ key: 'files.reap-orphans:2026-12-02' }]);
	});
});
