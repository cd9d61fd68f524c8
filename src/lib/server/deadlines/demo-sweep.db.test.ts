import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, like, lt } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { jobs, notifications, repairCallbacks } from '../db/schema/index.ts';
import { ensureDefaultCalendar } from '../calendar/store.ts';
import { runDeadlineSweepJob } from './sweep.ts';
import { useDemoData } from '../../../../tests/demo-database.ts';

const now = new Date();

beforeAll(async () => {
	expect((await useDemoData()).seeded).toBe(true);
	await ensureDefaultCalendar(db());
});

const run = async (at: Date) => {
	const [job] = await db().select().from(jobs).limit(1);
	await runDeadlineSweepJob({ slot: at.toISOString() }, { db: db(), now: at, job: job! });
};

describe('the first sweep on the demo data', () => {
	it('tells each forgotten callback’s assignee once, and nobody again on the next run', async () => {
		const forgotten = await db()
			.select({ id: repairCallbacks.id })
			.from(repairCallbacks)
			.where(and(eq(repairCallbacks.state, 'open'), lt(repairCallbacks.dueAt, now)));
		// The demo keeps a few callbacks overdue that nobody was ever told about.
		expect(forgotten.length).toBeGreaterThan(0);

		await run(now);
		const untold = await db()
			.select({ id: repairCallbacks.id })
			.from(repairCallbacks)
			.where(and(eq(repairCallbacks.state, 'open'), lt(repairCallbacks.dueAt, now), isNull(repairCallbacks.overdueNotifiedAt)));
		expect(untold).toHaveLength(0);
		const told = () => db().select({ id: notifications.id }).from(notifications).where(like(notifications.kind, 'deadline.%'));
		const first = (await told()).length;
		expect(first).toBeGreaterThanOrEqual(forgotten.length);

		await run(new Date(now.getTime() + 60_000));
		expect((await told()).length).toBe(first);
	});
});
