// The desk's repair queue timed through the real staffQueue(): the filters the desk and a
// technician use, each walked from page 1 through 20 pages via the keyset cursor (checking the
// order holds), after a warm-up walk. Used by bench:repairs and bench:scale.
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { db, drizzleOptions, queryRows } from '../../src/lib/server/db/client.ts';
import * as schema from '../../src/lib/server/db/schema/index.ts';
import { loadActor, type Actor } from '../../src/lib/server/auth/actor.ts';
import { staffQueue, type QueueFilter } from '../../src/lib/server/repairs/queries.ts';
import { summarize, tableHeader, tableRow } from './figures.ts';
import { BENCH_DESK_EMAIL } from './registry.ts';

export const PAGE_SIZE = 25;
const DEEP_PAGES = 20;

export interface QueueCase {
	label: string;
	actor: Actor;
	filter: QueueFilter;
	/** A fresh filter per walk, or per call for lookups. */
	vary?: (n: number) => QueueFilter;
	/** One page per call (a reference lookup): 21 different lookups instead of a walk. */
	lookup?: boolean;
}

/** The actor of a bench staff member, by email. */
export async function benchActor(email: string): Promise<Actor> {
	const [user] = await db()
		.select()
		.from(schema.users)
		.where(sql`${schema.users.email} = ${email}`);
	return (await loadActor(user!.id, null))!;
}

/** The filters measured: the desk member of estates A+B, and an engineer of estate A (`engineerEmail`). */
export async function queueCases(engineerEmail: string): Promise<QueueCase[]> {
	const desk = await benchActor(BENCH_DESK_EMAIL);
	const engineer = await benchActor(engineerEmail);
	const [estateA] = await queryRows<{ id: string }>(db(), sql`select id from estates order by code limit 1`);
	const kinds = await queryRows<{ id: string }>(db(), sql`select id from repair_kinds where active order by sort`);
	const [{ max: maxSeq } = { max: 1 }] = await queryRows<{ max: number }>(db(), sql`select max(seq)::int as max from repair_orders`);
	return [
		{ label: 'all', actor: desk, filter: {} },
		{ label: 'estate A', actor: desk, filter: { estateId: estateA!.id } },
		{ label: 'state=open', actor: desk, filter: { state: 'open' } },
		{ label: 'state=received', actor: desk, filter: { state: 'received' } },
		{ label: 'overdue', actor: desk, filter: { overdue: true } },
		{ label: 'mine', actor: desk, filter: { mine: true } },
		{ label: 'mine + open', actor: desk, filter: { mine: true, state: 'open' } },
		{ label: 'kind', actor: desk, filter: {}, vary: (r) => ({ kindId: kinds[r % kinds.length]!.id }) },
		{
			label: 'reference',
			actor: desk,
			filter: {},
			lookup: true,
			vary: (n) => ({ reference: `R${String(1 + ((n * 7919 + 4243) % maxSeq)).padStart(6, '0')}` })
		},
		{ label: 'technician: all', actor: engineer, filter: {} },
		{ label: 'technician: open', actor: engineer, filter: { state: 'open' } }
	];
}

/** One walk: page 1 and the following pages through the keyset cursor, checking the order holds. */
async function walk(c: QueueCase, round: number, times: number[] | null): Promise<number> {
	let filter: QueueFilter = { ...c.filter, ...c.vary?.(round), limit: PAGE_SIZE };
	let last: { createdAt: Date; id: string } | null = null;
	let rows = 0;
	for (let p = 0; p <= DEEP_PAGES; p++) {
		if (c.lookup) filter = { ...c.filter, ...c.vary?.(round * (DEEP_PAGES + 1) + p), limit: PAGE_SIZE };
		const started = performance.now();
		const page = await staffQueue(c.actor, filter);
		times?.push(performance.now() - started);
		rows += page.rows.length;
		if (c.lookup) continue;
		for (const row of page.rows) {
			if (last && (row.createdAt > last.createdAt || (+row.createdAt === +last.createdAt && row.id >= last.id))) {
				throw new Error(`${c.label}: page ${p + 1} is out of order or repeats a row`);
			}
			last = row;
		}
		if (!page.next) break;
		filter = { ...filter, after: page.next };
	}
	return rows;
}

/** Walks every case `rounds` times after a warm-up walk and prints a row per case; returns every call's time (ms). */
export async function measureQueue(cases: readonly QueueCase[], rounds: number): Promise<number[]> {
	console.log(
		`\nstaffQueue, ${PAGE_SIZE} rows a page, page 1 + up to ${DEEP_PAGES} pages via the cursor, ${rounds} rounds after a warm-up (ms):`
	);
	console.log(`${tableHeader('filter')}  rows returned`);
	const all: number[] = [];
	for (const c of cases) {
		await walk(c, rounds, null);
		const times: number[] = [];
		let rows = 0;
		for (let r = 0; r < rounds; r++) rows += await walk(c, r, times);
		all.push(...times);
		console.log(tableRow(c.label, summarize(times), String(rows)));
	}
	console.log(tableRow('overall', summarize(all)));
	return all;
}

/** EXPLAIN ANALYZE of the SQL staffQueue sends, for page 1 and page 21 of each filter. */
export async function explainQueue(cases: readonly QueueCase[], benchUrl: URL): Promise<void> {
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const client = postgres(benchUrl.toString(), { max: 1, onnotice: () => {} });
	const captured: { last?: { query: string; params: unknown[] } } = {};
	const spy = drizzle(client, { ...drizzleOptions, logger: { logQuery: (query, params) => void (captured.last = { query, params }) } });
	const executor = spy as unknown as Parameters<typeof staffQueue>[2];
	try {
		for (const c of cases) {
			let filter: QueueFilter = { ...c.filter, ...c.vary?.(0), limit: PAGE_SIZE };
			for (let p = 0; p <= DEEP_PAGES; p++) {
				const page = await staffQueue(c.actor, filter, executor);
				if (p === 0 || p === DEEP_PAGES || !page.next) {
					const { query, params } = captured.last!;
					const plan = await client.unsafe(`explain (analyze, buffers, costs off) ${query}`, params as never[]);
					console.log(`\n== ${c.label}, page ${p + 1}`);
					for (const line of plan) console.log(`   ${Object.values(line)[0]}`);
				}
				if (!page.next) break;
				filter = { ...filter, after: page.next };
			}
		}
	} finally {
		await client.end();
	}
}
