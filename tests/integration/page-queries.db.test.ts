// The statements the busiest pages send, on the demo data (issue 9, "fast on a busy server"). Timing
// assertions would flake on a loaded 2-core machine; what made GET /app slow was structural, so
// this checks the structure: how many statements a page view sends, that the actor's occupancies
// are read once, and that no statement joins more than a few tables (the resident home's repair
// list used to join eight, which took 6-12 ms to plan on PGlite for 1-2 ms of work). Throughput
// itself is measured by `npm run bench:http`.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { database, db } from '../../src/lib/server/db/client.ts';
import { users } from '../../src/lib/server/db/schema/index.ts';
import { seedDemo } from '../../src/lib/server/seed/demo.ts';
import { demoResident } from '../../src/lib/server/seed/demo-data.ts';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/sessions.ts';
import { loadActor, type Actor } from '../../src/lib/server/auth/actor.ts';
import { requestMemo } from '../../src/lib/server/kernel/request-memo.ts';
import { load as appLayout } from '../../src/routes/app/+layout.server.ts';
import { load as home } from '../../src/routes/app/+page.server.ts';
import { load as bills } from '../../src/routes/app/bills/+page.server.ts';
import { load as staffLayout } from '../../src/routes/staff/+layout.server.ts';
import { load as repairQueue } from '../../src/routes/staff/repairs/+page.server.ts';
import { fakeEvent } from '../request-event.ts';
import { statementsOf, widestJoin, type Statement } from '../query-log.ts';

/** Tables one statement may join (a subquery counts on its own). */
const MAX_JOINED = 4;

type Load = (event: ReturnType<typeof fakeEvent>) => unknown;

const pages: { path: string; who: 'resident' | 'staff'; loads: Load[]; statements: number }[] = [
	// session, actor, unread notices, occupancies, units, household, open repairs, amount due
	{ path: '/app', who: 'resident', loads: [appLayout as Load, home], statements: 8 },
	// session, actor, unread notices, occupancies, unit labels, open and paid bills, balances,
	// deposits, settings, what the open bills owe, the paid bills' payments and receipts
	{ path: '/app/bills', who: 'resident', loads: [appLayout as Load, bills], statements: 13 },
	// session, actor, estates, kinds, the queue's orders, their units and their people
	{ path: '/staff/repairs', who: 'staff', loads: [staffLayout as Load, repairQueue], statements: 7 }
];

const tokens = { resident: '', staff: '' };

beforeAll(async () => {
	expect((await seedDemo(database())).seeded).toBe(true);
	// The statistics a running server's planner has (boot/boot.ts analyzes PGlite; autovacuum PostgreSQL).
	await db().execute(sql`analyze`);
	const userId = async (email: string) => (await db().select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
	tokens.resident = (await createSession(await userId(demoResident.email))).token;
	tokens.staff = (await createSession(await userId('service@lobby.test'))).token;
});

/** A signed-in GET as the server answers it: the session hook, then the layout's and the page's loads. */
async function pageView(token: string, path: string, loads: Load[]): Promise<Statement[]> {
	return statementsOf(async () => {
		const session = await validateSessionToken(token);
		const actor: Actor | null = session && (await loadActor(session.session.userId, session.session.id, requestMemo('GET')));
		expect(actor).not.toBeNull();
		await Promise.all(loads.map((load) => load(fakeEvent({ actor, path }))));
	});
}

describe('the statements of a page view', () => {
	for (const page of pages) {
		it(`${page.path} sends at most ${page.statements} statements, reads the occupancies once and joins at most ${MAX_JOINED} tables in any`, async () => {
			const statements = await pageView(tokens[page.who], page.path, page.loads);
			const summary = statements.map((s) => s.sql.replace(/\s+/g, ' ').slice(0, 120));
			expect(statements.length, summary.join('\n')).toBeLessThanOrEqual(page.statements);
			expect(statements.filter((s) => /from "occupancies"/.test(s.sql)).length, summary.join('\n')).toBeLessThanOrEqual(1);
			for (const statement of statements) {
				expect(await widestJoin(statement), statement.sql).toBeLessThanOrEqual(MAX_JOINED);
			}
		});
	}

	it('reads the occupancies again in a form post, where an action may have changed them', async () => {
		const statements = await statementsOf(async () => {
			const session = await validateSessionToken(tokens.resident);
			const actor = await loadActor(session!.session.userId, session!.session.id, requestMemo('POST'));
			await home(fakeEvent({ actor, path: '/app' }));
		});
		expect(statements.filter((s) => /from "occupancies"/.test(s.sql)).length).toBeGreaterThan(1);
	});
});
