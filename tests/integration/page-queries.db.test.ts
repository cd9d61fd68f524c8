// The statements the busiest pages send, on the demo data (issue 9, "fast on a busy server"). Timing
// assertions would flake on a loaded 2-core machine; what made GET /app slow was structural, so
// this checks the structure: how many statements a page view sends, that the actor's occupancies
// are read once, and that no statement joins more than a few tables (the resident home's repair
// list used to join eight, which took 6-12 ms to plan on PGlite for 1-2 ms of work). Throughput
// itself is measured by `npm run bench:http`.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { db } from '../../src/lib/server/db/client.ts';
import { users } from '../../src/lib/server/db/schema/index.ts';
import { demoResident } from '../../src/lib/server/seed/demo-data.ts';
import { createSession } from '../../src/lib/server/auth/sessions.ts';
import { loadActor } from '../../src/lib/server/auth/actor.ts';
import { requestSession } from '../../src/lib/server/boot/request-session.ts';
import { actorOccupancies } from '../../src/lib/server/property/occupancy.ts';
import { unreadCount } from '../../src/lib/server/notify/inbox.ts';
import { load as appLayout } from '../../src/routes/app/+layout.server.ts';
import { load as home } from '../../src/routes/app/+page.server.ts';
import { load as bills } from '../../src/routes/app/bills/+page.server.ts';
import { load as staffLayout } from '../../src/routes/staff/+layout.server.ts';
import { load as staffHome } from '../../src/routes/staff/+page.server.ts';
import { load as repairQueue } from '../../src/routes/staff/repairs/+page.server.ts';
import { fakeEvent } from '../request-event.ts';
import { statementsOf, widestJoin, type Statement } from '../query-log.ts';
import { useDemoData } from '../demo-database.ts';

/** Tables one statement may join (a subquery counts on its own). */
const MAX_JOINED = 4;

type Load = (event: ReturnType<typeof fakeEvent>) => unknown;

const pages: { path: string; who: 'resident' | 'staff'; loads: Load[]; statements: number }[] = [
	// the session with its actor, occupancies and unread notices; units, household, open repairs, amount
	// due, the surveys sent to the resident's occupancies (one waiting is shown first), the current notices
	{ path: '/app', who: 'resident', loads: [appLayout as Load, home], statements: 7 },
	// the session with its actor, occupancies and unread notices; unit labels, open and paid bills,
	// balances, deposits, settings, what the open bills owe, the paid bills' payments and receipts, and
	// the corrections of the bills (voids, credit notes, write-offs: fees/credit-notes.ts)
	{ path: '/app/bills', who: 'resident', loads: [appLayout as Load, bills], statements: 11 },
	// the session with its actor and unread notices; estates, kinds, the queue's orders, their units and their people
	{ path: '/staff/repairs', who: 'staff', loads: [staffLayout as Load, repairQueue], statements: 6 },
	// the session with its actor and unread notices; estates; one statement per waiting section (the
	// desk's: what I hold past its deadline — every kind in one statement —, my repairs, new requests
	// nobody owns, repairs past their deadline, my complaints, complaints nobody took up, my
	// callbacks, open rectification notices, renovations waiting for the desk, my corrective
	// actions, the visit follow-ups I owe), and when an application waits on a step with a time limit, the limits and the office
	// calendar (three more)
	{ path: '/staff', who: 'staff', loads: [staffLayout as Load, staffHome], statements: 15 }
];

const tokens = { resident: '', staff: '' };

beforeAll(async () => {
	expect((await useDemoData()).seeded).toBe(true);
	// The statistics a running server's planner has (boot/boot.ts analyzes PGlite; autovacuum PostgreSQL).
	await db().execute(sql`analyze`);
	const userId = async (email: string) => (await db().select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
	tokens.resident = (await createSession(await userId(demoResident.email))).token;
	tokens.staff = (await createSession(await userId('service@lobby.test'))).token;
});

/** A signed-in GET as the server answers it: the session hook, then the layout's and the page's loads. */
async function pageView(token: string, path: string, loads: Load[]): Promise<Statement[]> {
	return statementsOf(async () => {
		const session = await requestSession(token, 'GET');
		expect(session).not.toBeNull();
		const actor = session!.actor;
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
			const session = await requestSession(tokens.resident, 'POST');
			await home(fakeEvent({ actor: session!.actor, path: '/app' }));
		});
		expect(statements.filter((s) => /from "occupancies"/.test(s.sql)).length).toBeGreaterThan(1);
	});

	it('reads with the session the same occupancies and unread count the services read themselves', async () => {
		for (const who of ['resident', 'staff'] as const) {
			const session = await requestSession(tokens[who], 'GET');
			const fresh = (await loadActor(session!.actor.userId, null))!;
			const statements = await statementsOf(async () => {
				expect(await actorOccupancies(db(), session!.actor)).toEqual(await actorOccupancies(db(), fresh));
				expect(await unreadCount(session!.actor)).toBe(await unreadCount(fresh));
			});
			// Only the fresh actor's two lookups went to the database.
			expect(statements).toHaveLength(2);
		}
		const resident = (await requestSession(tokens.resident, 'GET'))!.actor;
		expect((await actorOccupancies(db(), resident)).length).toBeGreaterThan(0);
	});
});
