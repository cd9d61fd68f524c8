// Scale benchmark (issue 16): 700,000 units with a resident each, 5,000,000 repair orders with their
// events, and months of bills with their lines, ledger entries and payments on one PostgreSQL; then
// the staff queues, the resident home and the reports timed through the real services.
//
//   npm run bench:scale                          reuse database lobby_bench_scale (generate it when empty), then measure
//   npm run bench:scale -- --fresh               drop and regenerate it first (≈ 25–30 min on 2 cores, ≈ 30 GB)
//   npm run bench:scale -- --units 20000 --orders 150000 --fresh   a smaller data set
//   npm run bench:scale -- --explain             also EXPLAIN ANALYZE the queue's pages and time the home's statements apart
// Options: --months (of bills, default 6), --samples (residents whose home is served, default 300),
// --rounds (queue walks per filter, default 2), --report-rounds (calls per report, default 3).
//
// The database lives on BENCH_DATABASE_URL's server (else DATABASE_URL's, else postgres@127.0.0.1:5432),
// in a database of its own (--database). Exits 1 when the p95 of the staff queue calls exceeds
// 100 ms or the p95 of the resident home exceeds 50 ms (server time); the reports get figures only.
import { parseArgs } from 'node:util';
import { openBenchDatabase } from './bench/server.ts';

const { values: args } = parseArgs({
	options: {
		fresh: { type: 'boolean', default: false },
		explain: { type: 'boolean', default: false },
		database: { type: 'string', default: 'lobby_bench_scale' },
		units: { type: 'string', default: '700000' },
		orders: { type: 'string', default: '5000000' },
		months: { type: 'string', default: '6' },
		samples: { type: 'string', default: '300' },
		rounds: { type: 'string', default: '2' },
		'report-rounds': { type: 'string', default: '3' }
	}
});

const QUEUE_LIMIT_MS = 100;
const HOME_LIMIT_MS = 50;
const totalOrders = Math.max(1, Number(args.orders) || 5_000_000);
const months = Math.min(24, Math.max(2, Number(args.months) || 6));
const samples = Math.max(20, Number(args.samples) || 300);
const rounds = Math.max(1, Number(args.rounds) || 2);
const reportRounds = Math.max(1, Number(args['report-rounds']) || 3);
// Every statement of the generation is a "slow query" to the app's logger.
process.env.LOG_LEVEL ??= 'error';
const benchUrl = await openBenchDatabase(args.database, { fresh: args.fresh });

const { sql } = await import('drizzle-orm');
const { db, closeDatabase, queryRows } = await import('../src/lib/server/db/client.ts');
const { prepareDatabase } = await import('../src/lib/server/boot/boot.ts');
const { addMonths, businessToday, DEFAULT_TIME_ZONE, monthOf } = await import('../src/lib/time/index.ts');
const { benchEngineerEmail, generateRegistry, roundUnits } = await import('./bench/registry.ts');
const { insertResidents } = await import('./bench/residents.ts');
const { insertRepairOrders } = await import('./bench/repair-orders.ts');
const { insertRepairEvents, insertRepairNotifications } = await import('./bench/repair-trail.ts');
const { insertFeePeriod } = await import('./bench/fee-history.ts');
const { insertNotices, insertSurveys } = await import('./bench/notices-surveys.ts');
const { bulkTransaction, createIndexes, dropSecondaryIndexes } = await import('./bench/bulk-load.ts');
const { machineLine, StageClock, summarize, tableHeader, tableRow } = await import('./bench/figures.ts');
const { explainQueue, measureQueue, queueCases } = await import('./bench/staff-queue.ts');
const { measureResidentHome } = await import('./bench/resident-home.ts');
const { measureReports } = await import('./bench/reports.ts');

// Seven estates of unequal size; the measured desk member serves the two largest (half the units).
const estates = [
	{ code: 'SCALE-A', name: 'Harbour Scale Gardens', share: 0.3, desk: 10, engineers: 84 },
	{ code: 'SCALE-B', name: 'Scale Park Terrace', share: 0.2, desk: 7, engineers: 56 },
	{ code: 'SCALE-C', name: 'Scale Plaza', share: 0.15, desk: 5, engineers: 42 },
	{ code: 'SCALE-D', name: 'Scale Hill Court', share: 0.1, desk: 4, engineers: 28 },
	{ code: 'SCALE-E', name: 'Scale Bay Villas', share: 0.1, desk: 4, engineers: 28 },
	{ code: 'SCALE-F', name: 'Scale Riverside', share: 0.1, desk: 4, engineers: 28 },
	{ code: 'SCALE-G', name: 'Scale Garden Mansion', share: 0.05, desk: 2, engineers: 14 }
];
const totalUnits = roundUnits(Number(args.units) || 700_000, estates.length);
/** Written on the database when its generation has finished: what a later run may reuse. */
const marker = `bench:scale units=${totalUnits} orders=${totalOrders} months=${months}`;

/** The tables generated in bulk: loaded without their secondary indexes, which are built afterwards. */
const BULK_TABLES = [
	'users',
	'repair_orders',
	'events',
	'notifications',
	'bills',
	'bill_lines',
	'ledger_entries',
	'payments',
	'payment_allocations',
	'receipts',
	'archive_entries',
	'meter_readings',
	'notices',
	'notice_deliveries',
	'survey_recipients'
];

await prepareDatabase();
let failed: boolean;
try {
	const [state] = await queryRows<{ units: number; comment: string | null }>(
		db(),
		sql`select (select count(*) from units)::int as units, shobj_description(oid, 'pg_database') as comment
			from pg_database where datname = current_database()`
	);
	if (state!.units === 0) await generate();
	else if (state!.comment !== marker) {
		throw new Error(`${args.database} holds ${state!.comment ?? 'an unfinished generation'}, not ${marker}: run with --fresh`);
	} else console.log(`Reusing ${args.database}: ${marker} (--fresh regenerates)`);
	failed = !(await measure());
} finally {
	await closeDatabase();
}
process.exit(failed ? 1 : 0);

async function generate() {
	console.log(`Generating ${marker} in ${args.database}:`);
	const clock = new StageClock();
	const dropped = await clock.time('secondary indexes dropped', () => dropSecondaryIndexes(BULK_TABLES));
	await clock.time('registry, staff and a resident per unit', () =>
		bulkTransaction(async (tx) => {
			await tx.execute(sql`select setseed(0.16)`);
			const { towers, staff } = await generateRegistry(tx, { company: 'Scale Property Management', estates, totalUnits });
			await insertResidents(tx);
			console.log(`  ${estates.length} estates, ${towers} towers, ${totalUnits} units and residents, ${staff} staff`);
		})
	);
	await clock.time('repair orders', () =>
		bulkTransaction(async (tx) => {
			await tx.execute(sql`select setseed(0.42)`);
			await insertRepairOrders(tx, { total: totalOrders, totalUnits, chunk: 500_000 });
		})
	);
	await clock.time('repair events', () => bulkTransaction(insertRepairEvents));
	await clock.time('repair notifications', () => bulkTransaction(insertRepairNotifications));
	const lastPeriod = addMonths(monthOf(businessToday({ timeZone: DEFAULT_TIME_ZONE })), -1);
	for (let back = months - 1; back >= 0; back--) {
		const period = addMonths(lastPeriod, -back);
		const { bills, paid } = await clock.time(`fees ${period}`, () =>
			bulkTransaction(async (tx) => {
				await tx.execute(sql`select setseed(${0.5 + back / 100})`);
				return insertFeePeriod(tx, { period, back });
			})
		);
		console.log(`    ${bills} bills, ${paid} paid`);
	}
	await clock.time('notices', () => bulkTransaction((tx) => insertNotices(tx, { months })));
	await clock.time('surveys', () => bulkTransaction(insertSurveys));
	await clock.time('secondary indexes built', () => createIndexes(dropped));
	// Statistics for the planner, and hint bits / visibility map set as on tables in steady use.
	await clock.time('vacuum analyze', () => db().execute(sql`vacuum analyze`));
	await db().execute(sql.raw(`comment on database ${args.database} is '${marker}'`));
	const total = clock.total();
	console.log(`Generated the data set in ${(total / 60).toFixed(1)} min:`);
	for (const stage of clock.stages) console.log(`  ${stage.name.padEnd(42)} ${stage.seconds.toFixed(0).padStart(6)} s`);
	await printSizes();
	await printGrowth();
}

/** The biggest tables: rows, heap and index size, and the database's size. */
async function printSizes() {
	const rows = await queryRows<{ name: string; rows: string; total: string; heap: string; indexes: string }>(
		db(),
		sql`select c.relname as name, c.reltuples::bigint::text as rows, pg_size_pretty(pg_total_relation_size(c.oid)) as total,
			pg_size_pretty(pg_table_size(c.oid)) as heap, pg_size_pretty(pg_indexes_size(c.oid)) as indexes
		from pg_class c join pg_namespace n on n.oid = c.relnamespace
		where n.nspname = 'public' and c.relkind = 'r'
		order by pg_total_relation_size(c.oid) desc limit 18`
	);
	const [database] = await queryRows<{ size: string }>(db(), sql`select pg_size_pretty(pg_database_size(current_database())) as size`);
	console.log(`\nTable sizes (database ${database!.size}):`);
	console.log(`${'table'.padEnd(22)} ${'rows'.padStart(12)} ${'total'.padStart(9)} ${'heap'.padStart(9)} ${'indexes'.padStart(9)}`);
	for (const r of rows) {
		console.log(
			`${r.name.padEnd(22)} ${Number(r.rows).toLocaleString('en').padStart(12)} ${r.total.padStart(9)} ${r.heap.padStart(9)} ${r.indexes.padStart(9)}`
		);
	}
}

/**
 * Rows and bytes each unit adds a year, by the generation's model: orders and their trail cover two
 * years, fees and notices `months`, surveys one a year (two in the data).
 */
async function printGrowth() {
	const feeYears = months / 12;
	const measures: { label: string; table: string; where?: string; years: number }[] = [
		{ label: 'repair_orders', table: 'repair_orders', years: 2 },
		{ label: 'events (repairs)', table: 'events', where: `subject_type = 'repair'`, years: 2 },
		{ label: 'events (bills, payments)', table: 'events', where: `subject_type in ('bill', 'payment')`, years: feeYears },
		{ label: 'notifications', table: 'notifications', years: 2 },
		{ label: 'bills', table: 'bills', years: feeYears },
		{ label: 'bill_lines', table: 'bill_lines', years: feeYears },
		{ label: 'ledger_entries', table: 'ledger_entries', years: feeYears },
		{ label: 'payments', table: 'payments', years: feeYears },
		{ label: 'payment_allocations', table: 'payment_allocations', years: feeYears },
		{ label: 'receipts', table: 'receipts', years: feeYears },
		{ label: 'archive_entries', table: 'archive_entries', years: feeYears },
		{ label: 'meter_readings', table: 'meter_readings', years: feeYears },
		{ label: 'notice_deliveries', table: 'notice_deliveries', years: feeYears },
		{ label: 'survey_recipients', table: 'survey_recipients', years: 2 }
	];
	console.log(`\nGrowth per unit and year (the generation's model; bytes incl. indexes, by the table's share of rows):`);
	console.log(`${'table'.padEnd(26)} ${'rows/unit/yr'.padStart(13)} ${'MB/1000 units/yr'.padStart(17)}`);
	for (const m of measures) {
		const [row] = await queryRows<{ rows: string; all: string; bytes: string }>(
			db(),
			sql.raw(`select (select count(*) from ${m.table}${m.where ? ` where ${m.where}` : ''}) as rows,
				(select count(*) from ${m.table}) as all, pg_total_relation_size('${m.table}') as bytes`)
		);
		const share = Number(row!.rows) / Math.max(1, Number(row!.all));
		const perUnitYear = Number(row!.rows) / totalUnits / m.years;
		const mbPerThousand = (Number(row!.bytes) * share * 1000) / totalUnits / m.years / 1024 / 1024;
		console.log(`${m.label.padEnd(26)} ${perUnitYear.toFixed(1).padStart(13)} ${mbPerThousand.toFixed(2).padStart(17)}`);
	}
}

async function measure(): Promise<boolean> {
	const [counts] = await queryRows<Record<string, string>>(
		db(),
		sql`select (select reltuples::bigint from pg_class where relname = 'units') as units,
			(select reltuples::bigint from pg_class where relname = 'repair_orders') as repair_orders,
			(select reltuples::bigint from pg_class where relname = 'events') as events,
			(select reltuples::bigint from pg_class where relname = 'bills') as bills,
			(select reltuples::bigint from pg_class where relname = 'ledger_entries') as ledger_entries,
			pg_size_pretty(pg_database_size(current_database())) as size`
	);
	console.log(`Data (estimated rows): ${JSON.stringify(counts)}`);
	console.log(await machineLine());

	const cases = await queueCases(benchEngineerEmail(estates[0]!, 1));
	const queue = summarize(await measureQueue(cases, rounds));

	const home = await measureResidentHome(samples, { statements: args.explain });
	const homeSummary = summarize(home.home);
	console.log(`\nResident home (GET /app: session, layout and page loads), ${home.home.length} residents after a warm-up of 20 (ms):`);
	console.log(tableHeader('page'));
	console.log(tableRow('resident home', homeSummary));
	console.log(tableRow('resident bills page data', summarize(home.bills)));
	console.log(`  seen on the homes: ${JSON.stringify(home.seen)}`);

	const reports = await measureReports(reportRounds);
	if (args.explain) await explainQueue(cases, benchUrl);

	console.log(`\nSummary (${await machineLine()}):`);
	console.log(tableHeader('what'));
	console.log(tableRow(`staff queue (limit p95 ${QUEUE_LIMIT_MS})`, queue));
	console.log(tableRow(`resident home (limit p95 ${HOME_LIMIT_MS})`, homeSummary));
	for (const r of reports) console.log(tableRow(r.label, r.summary));
	let ok = true;
	if (queue.p95 > QUEUE_LIMIT_MS) {
		console.error(`FAIL: staff queue p95 ${queue.p95.toFixed(1)} ms > ${QUEUE_LIMIT_MS} ms`);
		ok = false;
	}
	if (homeSummary.p95 > HOME_LIMIT_MS) {
		console.error(`FAIL: resident home p95 ${homeSummary.p95.toFixed(1)} ms > ${HOME_LIMIT_MS} ms`);
		ok = false;
	}
	if (home.seen.openCases === 0 || home.seen.dueMinor === 0 || home.seen.notices === 0) {
		console.error('FAIL: the sampled homes showed no open repairs, no amount due or no notices: the data is not what a resident sees');
		ok = false;
	}
	if (ok)
		console.log(
			`OK: staff queue p95 ${queue.p95.toFixed(1)} ms ≤ ${QUEUE_LIMIT_MS} ms, resident home p95 ${homeSummary.p95.toFixed(1)} ms ≤ ${HOME_LIMIT_MS} ms`
		);
	return ok;
}
