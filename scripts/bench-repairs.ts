// Repair queue benchmark: 100,000 units and 1,000,000 repair orders on PostgreSQL, and the real
// staffQueue() service timed for the filters the desk uses.
//
//   npm run bench:repairs                 reuse database lobby_bench (generate it when empty), then measure
//   npm run bench:repairs -- --fresh      drop and regenerate lobby_bench first (2–4 min on 2 cores)
//   npm run bench:repairs -- --explain    also print EXPLAIN ANALYZE of the first and a deep page per filter
// Every run also prints each statement's planning and execution time for page 1 of a few filters.
//   npm run bench:repairs -- --units 10000 --orders 100000 --fresh   a smaller data set
//   npm run bench:repairs -- --js         gzipped JS of the resident repair form (scripts/bench-repair-form-js.ts)
//
// The database lives on BENCH_DATABASE_URL's server (else DATABASE_URL's, else postgres@127.0.0.1:5432);
// only the server is borrowed, the data goes into a database of its own (--database, default lobby_bench).
// Exits 1 when the p95 of all queue calls exceeds 100 ms (the acceptance limit).
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { openBenchDatabase } from './bench/server.ts';

const { values: args } = parseArgs({
	options: {
		fresh: { type: 'boolean', default: false },
		explain: { type: 'boolean', default: false },
		js: { type: 'boolean', default: false },
		database: { type: 'string', default: 'lobby_bench' },
		units: { type: 'string', default: '100000' },
		orders: { type: 'string', default: '1000000' },
		rounds: { type: 'string', default: '2' },
		// Options of the --js mode (see scripts/bench-repair-form-js.ts).
		page: { type: 'string' },
		'base-url': { type: 'string' },
		port: { type: 'string' },
		'build-dir': { type: 'string' },
		'pglite-dir': { type: 'string' }
	}
});
if (args.js) {
	const { measureFormJs } = await import('./bench-repair-form-js.ts');
	const ok = await measureFormJs({
		page: args.page,
		baseUrl: args['base-url'],
		port: args.port,
		buildDir: args['build-dir'],
		pgliteDir: args['pglite-dir']
	});
	process.exit(ok ? 0 : 1);
}

const LIMIT_MS = 100;
const totalOrders = Math.max(1, Number(args.orders) || 1_000_000);
const rounds = Math.max(1, Number(args.rounds) || 2);
const benchUrl = await openBenchDatabase(args.database, { fresh: args.fresh });

// The app's own client, migrator and default dictionaries, pointed at the bench database.
const { sql } = await import('drizzle-orm');
const { db, closeDatabase, queryRows } = await import('../src/lib/server/db/client.ts');
const { prepareDatabase } = await import('../src/lib/server/boot/boot.ts');
const { BENCH_DESK_EMAIL, generateRegistry, roundUnits } = await import('./bench/registry.ts');
const { insertRepairOrders } = await import('./bench/repair-orders.ts');
const { machineLine, summarize } = await import('./bench/figures.ts');
const { benchActor, explainQueue, measureQueue, queueCases, PAGE_SIZE } = await import('./bench/staff-queue.ts');
const { staffQueue } = await import('../src/lib/server/repairs/queries.ts');

const estates = [
	{ code: 'BENCH-A', name: 'Harbour Bench Gardens', share: 0.5, desk: 5, engineers: 20 },
	{ code: 'BENCH-B', name: 'Bench Park Terrace', share: 0.3, desk: 3, engineers: 12 },
	{ code: 'BENCH-C', name: 'Bench Plaza', share: 0.2, desk: 2, engineers: 8 }
];
const totalUnits = roundUnits(Number(args.units) || 100_000, estates.length);

await prepareDatabase();
const count = async (table: string) => Number((await queryRows<{ n: string }>(db(), sql.raw(`select count(*) as n from ${table}`)))[0]!.n);

let failed: boolean;
try {
	const [unitCount, orderCount] = [await count('units'), await count('repair_orders')];
	if (unitCount === 0 && orderCount === 0) await generate();
	else if (unitCount !== totalUnits || orderCount !== totalOrders) {
		throw new Error(
			`${args.database} holds ${unitCount} units and ${orderCount} orders, not ${totalUnits} / ${totalOrders}: run with --fresh`
		);
	} else console.log(`Reusing ${args.database}: ${unitCount} units, ${orderCount} repair orders (--fresh regenerates)`);
	failed = !(await measure());
} finally {
	await closeDatabase();
}
process.exit(failed ? 1 : 0);

/** Estates, towers, staff and orders, generated set-wise in one transaction (all or nothing). */
async function generate() {
	const started = performance.now();
	await db().transaction(async (tx) => {
		await tx.execute(sql`select setseed(0.42)`);
		const { towers, staff } = await generateRegistry(tx, { company: 'Bench Property Management', estates, totalUnits });
		console.log(`Generated ${estates.length} estates, ${towers} towers, ${totalUnits} units, ${staff} staff`);
		await insertRepairOrders(tx, { total: totalOrders, totalUnits });
	});
	// Statistics for the planner, and hint bits / visibility map set as on a table in steady use.
	await db().execute(sql`vacuum analyze`);
	console.log(`Generated the data set in ${((performance.now() - started) / 1000).toFixed(0)} s (incl. VACUUM ANALYZE)`);
}

/** Times staffQueue for each filter: page 1, then `next` for 20 pages, `rounds` times after a warm-up. */
async function measure(): Promise<boolean> {
	const desk = await benchActor(BENCH_DESK_EMAIL);
	const stats = await queryRows<Record<string, string>>(
		db(),
		sql`select count(*) filter (where state not in ('done', 'cancelled')) as open,
			count(*) filter (where state = 'received') as received,
			count(*) filter (where state not in ('done', 'cancelled') and ((first_response_at is null and response_due_at < now()) or (work_done_at is null and completion_due_at < now()))) as overdue,
			count(*) filter (where estate_id in (select estate_id from staff_estates where user_id = ${desk.userId})) as visible
		from repair_orders`
	);
	console.log(`Orders: ${JSON.stringify(stats[0])} (visible = in the measured desk actor's 2 estates)`);
	console.log(await machineLine());

	const cases = await queueCases('bench-engineer-a1@bench.test');
	const { p95 } = summarize(await measureQueue(cases, rounds));
	// What each statement costs to plan against what it costs to run, for page 1 of a few filters.
	const { printStatementTimes } = await import('./statement-timing.ts');
	for (const c of cases.filter((c) => ['all', 'state=open', 'mine', 'technician: all'].includes(c.label))) {
		await printStatementTimes(`staffQueue, ${c.label}, page 1`, () => staffQueue(c.actor, { ...c.filter, limit: PAGE_SIZE }));
	}
	if (args.explain) await explainQueue(cases, benchUrl);
	if (p95 > LIMIT_MS) {
		console.error(`FAIL: p95 ${p95.toFixed(1)} ms > ${LIMIT_MS} ms`);
		return false;
	}
	console.log(`OK: p95 ${p95.toFixed(1)} ms ≤ ${LIMIT_MS} ms`);
	return true;
}
