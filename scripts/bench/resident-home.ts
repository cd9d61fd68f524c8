// The resident home (/app) timed as the server serves it: the session cookie checked and the
// actor read (hooks.server.ts → requestSession, with its prefetched lookups), then the /app layout's
// load and the page's load run side by side as SvelteKit runs them — the route files themselves,
// so whatever they call is what is timed. Sessions are made for the sampled residents beforehand.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { db, queryRows } from '../../src/lib/server/db/client.ts';
import { createSession } from '../../src/lib/server/auth/sessions.ts';
import { requestSession } from '../../src/lib/server/boot/request-session.ts';
import { residentBillsPage } from '../../src/lib/server/fees/resident.ts';
import { load as layoutLoad } from '../../src/routes/app/+layout.server.ts';
import { load as pageLoad } from '../../src/routes/app/+page.server.ts';
import { fakeEvent } from '../../tests/request-event.ts';

export interface HomeTimes {
	home: number[];
	bills: number[];
	/** What the sampled homes showed, summed: proof that the data is there. */
	seen: { openCases: number; dueMinor: number; notices: number; surveys: number; unread: number };
}

/** One resident's home, as one GET /app: session, then layout and page loads together. */
async function serveHome(token: string) {
	const session = await requestSession(token, 'GET');
	if (!session) throw new Error('The bench session was not accepted');
	const event = () => fakeEvent({ actor: session.actor, path: '/app' });
	const [layout, page] = await Promise.all([layoutLoad(event()), pageLoad(event())]);
	return { layout, page };
}

/**
 * `samples` residents picked at random (seeded), each home served once after a warm-up of 20;
 * with `statements`, each statement of one resident's home and bills page is then timed apart.
 */
export async function measureResidentHome(samples: number, { statements = false } = {}): Promise<HomeTimes> {
	const residents = await queryRows<{ user_id: string }>(
		db(),
		sql`select user_id from occupancies tablesample bernoulli (5) repeatable (16) where user_id is not null order by user_id limit ${samples}::int`
	);
	const tokens: string[] = [];
	for (const r of residents) tokens.push((await createSession(r.user_id, 'bench:scale')).token);
	for (const token of tokens.slice(0, 20)) await serveHome(token);
	const result: HomeTimes = { home: [], bills: [], seen: { openCases: 0, dueMinor: 0, notices: 0, surveys: 0, unread: 0 } };
	for (const token of tokens) {
		const started = performance.now();
		const { layout, page } = await serveHome(token);
		result.home.push(performance.now() - started);
		result.seen.openCases += page.openCases.length;
		result.seen.dueMinor += page.fees?.totals.reduce((n, t) => n + t.dueMinor, 0) ?? 0;
		result.seen.notices += page.notices.length;
		result.seen.surveys += page.surveys.length;
		result.seen.unread += layout ? layout.unreadCount : 0;
		// The bills page's data (residentBillsPage) for the same resident, in a request of its own: bench:bills's figure at this size.
		const billsStarted = performance.now();
		await residentBillsPage((await requestSession(token, 'GET'))!.actor);
		result.bills.push(performance.now() - billsStarted);
	}
	if (statements) {
		const { printStatementTimes } = await import('../statement-timing.ts');
		await printStatementTimes('resident home (GET /app), one resident', () => serveHome(tokens[0]!));
		await printStatementTimes('residentBillsPage, one resident', async () =>
			residentBillsPage((await requestSession(tokens[0]!, 'GET'))!.actor)
		);
	}
	// The sessions were the bench's own: a re-run makes new ones.
	await db().execute(sql`delete from sessions where user_agent = 'bench:scale'`);
	return result;
}
