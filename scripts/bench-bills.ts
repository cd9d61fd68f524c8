// Fees benchmark at 100 000 units on PostgreSQL: the monthly billing run for twelve periods (each
// run's time printed), a year of paid history, then the resident bills page's data loaded for
// randomly chosen residents — p95 server time must stay ≤ 50 ms — and each statement's planning and
// execution time for one of them.
//
//   npm run bench:bills                  reuse database lobby_bench_fees (generate it when empty)
//   npm run bench:bills -- --fresh       drop and regenerate it first (≈ 5–8 min on 2 cores)
//   npm run bench:bills -- --units 10000 --fresh   a smaller data set
//
// The database lives on BENCH_DATABASE_URL's server (else DATABASE_URL's, else postgres@127.0.0.1:5432).
// Exits 1 when the p95 exceeds the limit.
import { addMonths, DEFAULT_TIME_ZONE, firstDay, localInstant } from '../src/lib/time/index.ts';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { openBenchDatabase } from './bench/server.ts';

const { values: args } = parseArgs({
	options: {
		fresh: { type: 'boolean', default: false },
		database: { type: 'string', default: 'lobby_bench_fees' },
		units: { type: 'string', default: '100000' },
		months: { type: 'string', default: '12' },
		samples: { type: 'string', default: '400' }
	}
});

const LIMIT_MS = 50;
const UNITS_PER_BUILDING = 1000; // 40 floors × 25 units
const totalUnits = Math.max(1, Math.ceil((Number(args.units) || 100_000) / UNITS_PER_BUILDING)) * UNITS_PER_BUILDING;
const months = Math.min(36, Math.max(2, Number(args.months) || 12));
const samples = Math.max(20, Number(args.samples) || 400);
await openBenchDatabase(args.database, { fresh: args.fresh });

const { sql } = await import('drizzle-orm');
const { db, closeDatabase, queryRows } = await import('../src/lib/server/db/client.ts');
const { prepareDatabase } = await import('../src/lib/server/boot/boot.ts');
const { loadActor } = await import('../src/lib/server/auth/actor.ts');
const { runBilling } = await import('../src/lib/server/fees/billing.ts');
const { percentile } = await import('./bench/figures.ts');

// The last billed period is last month; history reaches `months` back.
const lastPeriod = '2026-10';
const firstPeriod = addMonths(lastPeriod, -(months - 1));

await prepareDatabase();
const count = async (table: string) => Number((await queryRows<{ n: string }>(db(), sql.raw(`select count(*) as n from ${table}`)))[0]!.n);

let failed: boolean;
try {
	const unitCount = await count('units');
	if (unitCount === 0) await generate();
	else if (unitCount !== totalUnits) throw new Error(`${args.database} holds ${unitCount} units, not ${totalUnits}: run with --fresh`);
	else console.log(`Reusing ${args.database}: ${unitCount} units, ${await count('bills')} bills (--fresh regenerates)`);
	failed = !(await measure());
} finally {
	await closeDatabase();
}
process.exit(failed ? 1 : 0);

async function generate() {
	const started = performance.now();
	const buildings = totalUnits / UNITS_PER_BUILDING;
	await db().transaction(async (tx) => {
		await tx.execute(sql`select setseed(0.24)`);
		await tx.execute(sql`insert into management_companies (name) values ('Bench Fees Management')`);
		await tx.execute(sql`insert into estates (company_id, code, name, kind, time_zone)
			select id, 'FEES', 'Bench Fee Gardens', 'residential', ${DEFAULT_TIME_ZONE} from management_companies`);
		await tx.execute(sql`insert into buildings (estate_id, code, name)
			select e.id, 'T' || b, 'Tower ' || b from estates e cross join generate_series(1, ${buildings}::int) b`);
		await tx.execute(sql`insert into floors (building_id, level, label)
			select b.id, l, l || '/F' from buildings b cross join generate_series(1, 40) l`);
		await tx.execute(sql`insert into units (estate_id, building_id, floor_id, number, area_m_2, use)
			select b.estate_id, b.id, f.id, f.level || chr(64 + u), round((40 + random() * 160)::numeric, 2),
				(case when f.level = 1 then 'retail' else 'residential' end)::unit_use
			from buildings b join floors f on f.building_id = b.id cross join generate_series(1, 25) u`);
		// One owner per unit, each with an account of their own.
		await tx.execute(sql`insert into users (email, name, kind, locale)
			select 'owner' || g || '@bench.test', 'Owner ' || g, 'resident', 'zh-Hant' from generate_series(1, ${totalUnits}::int) g`);
		await tx.execute(sql`insert into occupancies (unit_id, user_id, role, starts_on)
			select u.id, o.id, 'owner', '2020-01-01'
			from (select id, row_number() over (order by id) n from units) u
			join (select id, row_number() over (order by id) n from users where email like '%@bench.test') o on o.n = u.n`);
		// Month-end meter readings, rising by a random consumption each month.
		await tx.execute(sql`insert into meter_readings (unit_id, meter, read_on, value)
			select u.id, m::meter_kind, (date_trunc('month', d) + interval '1 month - 1 day')::date,
				round((sum(5 + random() * 40) over (partition by u.id, m order by d))::numeric, 2)
			from units u cross join unnest(array['water', 'electricity']) m
			cross join generate_series(${`${addMonths(firstPeriod, -1)}-01`}::date, ${`${lastPeriod}-01`}::date, interval '1 month') d`);
	});
	console.log(`setup: ${totalUnits} units, owners and ${months + 1} months of readings in ${Math.round(performance.now() - started)} ms`);

	for (let period = firstPeriod; period <= lastPeriod; period = addMonths(period, 1)) {
		// 02:00 on the 1st in the bench estate's zone, as the monthly job runs.
		const runAt = localInstant(firstDay(addMonths(period, 1)), 2 * 60, DEFAULT_TIME_ZONE);
		const result = await runBilling({ period, actor: null, now: runAt });
		console.log(`billing run ${period}: ${result.bills} bills, ${result.lines} lines for ${result.units} units in ${result.ms} ms`);
	}
	const again = await runBilling({ period: lastPeriod, actor: null, now: new Date() });
	console.log(`billing run ${lastPeriod} again: ${again.bills} new bills in ${again.ms} ms`);

	// Everything but the last two periods was paid at the counter three days before its due date.
	const paying = performance.now();
	const paidBefore = addMonths(lastPeriod, -1);
	await db().transaction(async (tx) => {
		await tx.execute(sql`insert into payments (id, unit_id, party, provider, state, amount_minor, currency, idempotency_key, method, received_on, settled_at)
			select gen_random_uuid(), b.unit_id, b.party, 'counter', 'succeeded', b.total_minor, b.currency, 'bench:' || b.id, 'bank_transfer',
				b.due_on - 3, (b.due_on - 3)::timestamptz
			from bills b where b.period < ${paidBefore}`);
		await tx.execute(sql`insert into payment_allocations (payment_id, bill_id, amount_minor)
			select p.id, b.id, b.total_minor from payments p join bills b on p.idempotency_key = 'bench:' || b.id`);
		await tx.execute(sql`insert into ledger_entries (unit_id, party, kind, amount_minor, currency, payment_id, effective_on)
			select unit_id, party, 'payment', -amount_minor, currency, id, received_on from payments where provider = 'counter'`);
		await tx.execute(sql`insert into receipts (payment_id) select id from payments order by settled_at, id`);
		await tx.execute(sql`update bills set state = 'paid', paid_at = (due_on - 3)::timestamptz where period < ${paidBefore}`);
	});
	await db().execute(sql`analyze`);
	console.log(
		`history: ${await count('payments')} payments, ${await count('ledger_entries')} ledger entries in ${Math.round(performance.now() - paying)} ms`
	);
	console.log(`generated in ${Math.round((performance.now() - started) / 1000)} s`);
}

async function measure(): Promise<boolean> {
	const { residentBillsPage } = await import('../src/lib/server/fees/resident.ts');
	const owners = await queryRows<{ id: string }>(
		db(),
		sql`select user_id as id from occupancies tablesample bernoulli (2) repeatable (7) limit ${samples}::int`
	);
	const [{ version } = { version: '?' }] = await queryRows<{ version: string }>(
		db(),
		sql`select split_part(version(), ' on ', 1) as version`
	);
	console.log(
		`Machine: ${os.cpus().length} cores, load average ${os
			.loadavg()
			.map((n) => n.toFixed(1))
			.join(' ')}; ${version}; Node ${process.versions.node}`
	);
	console.log(`Data: ${await count('units')} units, ${await count('bills')} bills, ${await count('ledger_entries')} ledger entries`);
	const actors = await Promise.all(owners.map(async (o) => (await loadActor(o.id, null))!));
	// Warm the pool and the caches once, as a running server has them.
	for (const actor of actors.slice(0, 20)) await residentBillsPage(actor);
	const times: number[] = [];
	let open = 0;
	for (const actor of actors) {
		const t = performance.now();
		const page = await residentBillsPage(actor);
		times.push(performance.now() - t);
		open += page.units.reduce((n, u) => n + u.openBills.length, 0);
	}
	times.sort((a, b) => a - b);
	const p50 = percentile(times, 50);
	const p95 = percentile(times, 95);
	console.log(
		`resident bills page (${times.length} residents, ${open} open bills seen): p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms (limit p95 ${LIMIT_MS} ms)`
	);
	if (open === 0) {
		console.error('No open bills were seen: the page data is not what a resident sees.');
		return false;
	}
	// What each statement costs to plan against what it costs to run, for one resident.
	const { printStatementTimes } = await import('./statement-timing.ts');
	const { myAmountDue } = await import('../src/lib/server/fees/resident.ts');
	await printStatementTimes('residentBillsPage, one resident', () => residentBillsPage(actors[0]!));
	await printStatementTimes('myAmountDue (the home card), one resident', () => myAmountDue(actors[0]!));
	return p95 <= LIMIT_MS;
}
