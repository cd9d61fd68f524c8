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
import os from 'node:os';

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
const PAGE_SIZE = 25;
const DEEP_PAGES = 20;
const UNITS_PER_BUILDING = 1000; // 40 floors x 25 units
const totalUnits = Math.max(3, Math.ceil((Number(args.units) || 100_000) / UNITS_PER_BUILDING)) * UNITS_PER_BUILDING;
const totalOrders = Math.max(1, Number(args.orders) || 1_000_000);
const rounds = Math.max(1, Number(args.rounds) || 2);
if (!/^[a-z_][a-z0-9_]*$/.test(args.database)) throw new Error(`--database must be a plain lower-case name, got ${args.database}`);

const serverUrl = new URL(process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
const adminUrl = new URL(serverUrl);
adminUrl.pathname = '/postgres';
const benchUrl = new URL(serverUrl);
benchUrl.pathname = `/${args.database}`;

const { default: postgres } = await import('postgres');
{
	const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
	if (args.fresh) await admin.unsafe(`drop database if exists ${args.database} with (force)`);
	const [exists] = await admin`select 1 from pg_database where datname = ${args.database}`;
	if (!exists) await admin.unsafe(`create database ${args.database}`);
	await admin.end();
}

// The app's own client, migrator and default dictionaries, pointed at the bench database.
process.env.DATABASE_URL = benchUrl.toString();
const { sql } = await import('drizzle-orm');
const { db, closeDatabase, queryRows, drizzleOptions } = await import('../src/lib/server/db/client.ts');
const { prepareDatabase } = await import('../src/lib/server/boot/boot.ts');
const schema = await import('../src/lib/server/db/schema/index.ts');
const { DEFAULT_TIME_ZONE } = await import('../src/lib/time/index.ts');
const { loadActor } = await import('../src/lib/server/auth/actor.ts');
const { staffQueue } = await import('../src/lib/server/repairs/queries.ts');
type QueueFilter = import('../src/lib/server/repairs/queries.ts').QueueFilter;
type Actor = import('../src/lib/server/auth/actor.ts').Actor;

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
	const estateShares = [
		{ code: 'BENCH-A', name: 'Harbour Bench Gardens', share: 0.5, desk: 5, engineers: 20 },
		{ code: 'BENCH-B', name: 'Bench Park Terrace', share: 0.3, desk: 3, engineers: 12 },
		{ code: 'BENCH-C', name: 'Bench Plaza', share: 0.2, desk: 2, engineers: 8 }
	];
	const buildingCount = totalUnits / UNITS_PER_BUILDING;
	await db().transaction(async (tx) => {
		await tx.execute(sql`select setseed(0.42)`);
		const [company] = await tx.insert(schema.managementCompanies).values({ name: 'Bench Property Management' }).returning();
		const estates = await tx
			.insert(schema.estates)
			.values(
				estateShares.map((e) => ({
					companyId: company!.id,
					code: e.code,
					name: e.name,
					kind: 'residential' as const,
					timeZone: DEFAULT_TIME_ZONE
				}))
			)
			.returning();
		// Towers go to the estates by share; the last estate takes the rest.
		const towers: { estateId: string; code: string; name: string }[] = [];
		let first = 0;
		estateShares.forEach((share, e) => {
			const count = e === estateShares.length - 1 ? buildingCount - first : Math.max(1, Math.round(buildingCount * share.share));
			for (let b = first; b < first + count; b++) towers.push({ estateId: estates[e]!.id, code: `T${b + 1}`, name: `Tower ${b + 1}` });
			first += count;
		});
		await tx.insert(schema.buildings).values(towers);
		await tx.execute(sql`insert into floors (building_id, level, label)
			select b.id, l, l || '/F' from buildings b cross join generate_series(1, 40) l`);
		await tx.execute(sql`insert into units (estate_id, building_id, floor_id, number, area_m_2, use)
			select b.estate_id, b.id, f.id, f.level || chr(64 + u), round((40 + random() * 160)::numeric, 2),
				(case when f.level = 1 then 'retail' else 'residential' end)::unit_use
			from buildings b join floors f on f.building_id = b.id cross join generate_series(1, 25) u`);

		// Staff: desk and engineers per estate, one desk member for estates A+B (the measured actor),
		// a supervisor per estate and a manager of all; one repair team per estate.
		const people: {
			email: string;
			name: string;
			role: 'customer_service' | 'engineering' | 'engineering_supervisor' | 'manager';
			estates: string[];
		}[] = [
			{
				email: 'bench-service@bench.test',
				name: 'Bench Service (A+B)',
				role: 'customer_service',
				estates: [estates[0]!.id, estates[1]!.id]
			},
			{ email: 'bench-manager@bench.test', name: 'Bench Manager', role: 'manager', estates: estates.map((e) => e.id) }
		];
		estateShares.forEach((share, e) => {
			const estateId = estates[e]!.id;
			const tag = share.code.slice(-1).toLowerCase();
			for (let i = 1; i <= share.desk; i++)
				people.push({
					email: `bench-service-${tag}${i}@bench.test`,
					name: `Desk ${tag.toUpperCase()}${i}`,
					role: 'customer_service',
					estates: [estateId]
				});
			for (let i = 1; i <= share.engineers; i++)
				people.push({
					email: `bench-engineer-${tag}${i}@bench.test`,
					name: `Engineer ${tag.toUpperCase()}${i}`,
					role: 'engineering',
					estates: [estateId]
				});
			people.push({
				email: `bench-lead-${tag}@bench.test`,
				name: `Lead ${tag.toUpperCase()}`,
				role: 'engineering_supervisor',
				estates: [estateId]
			});
		});
		const users = await tx
			.insert(schema.users)
			.values(people.map((p) => ({ email: p.email, name: p.name, kind: 'staff' as const })))
			.returning();
		await tx.insert(schema.staffRoles).values(people.map((p, i) => ({ userId: users[i]!.id, role: p.role })));
		await tx
			.insert(schema.staffEstates)
			.values(people.flatMap((p, i) => p.estates.map((estateId) => ({ userId: users[i]!.id, estateId }))));
		const teams = await tx
			.insert(schema.repairTeams)
			.values(estates.map((e) => ({ estateId: e.id, name: `${e.name} engineering` })))
			.returning();
		await tx
			.insert(schema.repairTeamMembers)
			.values(
				people.flatMap((p, i) =>
					p.role === 'engineering' ? [{ teamId: teams.find((t) => t.estateId === p.estates[0])!.id, userId: users[i]!.id }] : []
				)
			);
		console.log(`Generated ${estates.length} estates, ${towers.length} towers, ${totalUnits} units, ${people.length} staff`);

		// Lookup tables for the order generator: units and kinds by number, staff per estate as arrays.
		await tx.execute(sql`create temporary table bench_units on commit drop as
			select (row_number() over (order by id) - 1)::int as n, id, estate_id, number from units`);
		await tx.execute(sql`create unique index on bench_units (n)`);
		await tx.execute(sql`create temporary table bench_kinds on commit drop as
			select (row_number() over (order by sort) - 1)::int as n, id, code, response_minutes, completion_minutes from repair_kinds where active`);
		await tx.execute(sql`create temporary table bench_staff on commit drop as
			select e.id as estate_id,
				(select array_agg(s.user_id order by s.user_id) from staff_estates s join staff_roles r on r.user_id = s.user_id and r.role = 'customer_service' where s.estate_id = e.id) as desk,
				(select array_agg(m.user_id order by m.user_id) from repair_team_members m where m.team_id = t.id) as engineers,
				t.id as team_id
			from estates e join repair_teams t on t.estate_id = e.id`);
		await tx.execute(sql`analyze bench_units`);
		const [kindCount] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from bench_kinds`);

		const chunk = 100_000;
		const step = (730 * 86_400) / totalOrders; // seconds between orders: spread over two years up to now
		for (let from = 0; from < totalOrders; from += chunk) {
			const to = Math.min(totalOrders, from + chunk) - 1;
			await tx.execute(sql`insert into repair_orders (estate_id, unit_id, kind_id, state, channel, location, location_detail,
				description, contact_name, contact_phone, enter_when_absent, call_to_arrange, created_by, owner_id, promised_reply_by,
				team_id, technician_id, response_due_at, completion_due_at, first_response_at, technician_received_at, on_site_at,
				work_done_at, work_summary, signed_off_at, signed_off_name, cancelled_at, reopen_count, escalated_at, created_at, updated_at)
			select estate_id, unit_id, kind_id, state, channel, location, location_detail, description, contact_name, contact_phone,
				enter_when_absent, call_to_arrange,
				case when channel in ('phone', 'counter') then owner_id end, owner_id, promised_reply_by,
				case when state <> 'received' then team_id end, case when state not in ('received', 'cancelled') then technician_id end,
				response_due_at, completion_due_at, first_response_at,
				case when state not in ('received', 'assigned', 'cancelled') then first_response_at + interval '5 minutes' end,
				case when state in ('in_progress', 'awaiting_signoff', 'done') then first_response_at + (work_done_at - first_response_at) / 4 end,
				case when state in ('awaiting_signoff', 'done') then work_done_at end,
				case when state in ('awaiting_signoff', 'done') then 'Repaired and tested' else '' end,
				case when state = 'done' then least(now(), work_done_at + interval '1 hour' + r_sign * interval '2 days') end,
				case when state = 'done' then contact_name end,
				case when state = 'cancelled' then created_at + r_sign * interval '1 day' end,
				case when state = 'done' and r_sign < 0.03 then 1 else 0 end,
				case when state not in ('done', 'cancelled') and created_at < now() - interval '7 days' and r_sign < 0.3 then created_at + interval '3 days' end,
				created_at, greatest(created_at, least(now(), coalesce(work_done_at, first_response_at, created_at)))
			from (
				select o.*, k.code, k.response_minutes, k.completion_minutes,
					created_at + k.response_minutes * interval '1 minute' as response_due_at,
					created_at + k.completion_minutes * interval '1 minute' as completion_due_at,
					case when state <> 'received' then created_at + k.response_minutes * (0.2 + 1.2 * r_resp) * interval '1 minute' end as first_response_at,
					least(now(), created_at + k.response_minutes * (0.2 + 1.2 * r_resp) * interval '1 minute' + k.completion_minutes * (0.2 + 0.9 * r_work) * interval '1 minute') as work_done_at,
					(case when k.code = 'common_area' then 'common_area' else 'unit' end)::repair_location as location,
					case when k.code = 'common_area' then 'Lift lobby ' || (1 + i % 40) || '/F' else (array['Kitchen', 'Bathroom', 'Living room', 'Bedroom', 'Balcony'])[1 + i % 5] end as location_detail,
					(array['Water dripping from the ceiling', 'Tap keeps running', 'No power in the kitchen sockets', 'Light flickers in the corridor',
						'Door lock stiff, key hard to turn', 'Air-conditioner not cooling', 'Drain blocked, water backs up', 'Crack in the bedroom wall',
						'Window does not close fully', 'Smoke detector beeping'])[1 + i % 10] || ' (' || u.number || ')' as description,
					'Resident ' || u.n as contact_name, '+852 9' || lpad(u.n::text, 7, '0') as contact_phone,
					r_chan < 0.2 as enter_when_absent, r_chan > 0.95 as call_to_arrange,
					(case when r_chan < 0.6 then 'portal' when r_chan < 0.9 then 'phone' when r_chan < 0.98 then 'counter' else 'widget' end)::repair_channel as channel,
					u.estate_id, u.id as unit_id, k.id as kind_id, s.team_id,
					case when state = 'received' and r_owner < 0.5 then null else s.desk[1 + floor(r_owner * array_length(s.desk, 1))::int] end as owner_id,
					case when state = 'received' and r_owner > 0.8 then created_at + interval '4 hours' end as promised_reply_by,
					s.engineers[1 + floor(r_tech * array_length(s.engineers, 1))::int] as technician_id
				from (
					select g.*, (case
						when age < interval '1 day' then case when r_state < 0.4 then 'received' when r_state < 0.7 then 'assigned' when r_state < 0.9 then 'scheduled' else 'in_progress' end
						when age < interval '7 days' then case when r_state < 0.4 then 'done' when r_state < 0.45 then 'cancelled' when r_state < 0.5 then 'received'
							when r_state < 0.65 then 'assigned' when r_state < 0.8 then 'scheduled' when r_state < 0.9 then 'in_progress' else 'awaiting_signoff' end
						when age < interval '30 days' then case when r_state < 0.85 then 'done' when r_state < 0.9 then 'cancelled' when r_state < 0.92 then 'assigned'
							when r_state < 0.94 then 'scheduled' when r_state < 0.97 then 'in_progress' else 'awaiting_signoff' end
						else case when r_state < 0.935 then 'done' when r_state < 0.995 then 'cancelled' when r_state < 0.997 then 'assigned'
							when r_state < 0.998 then 'in_progress' else 'awaiting_signoff' end
					end)::repair_state as state
					from (
						-- Volatile random() keeps this subquery from being flattened: each draw is made once per row.
						select i, now() - interval '730 days' + (i + random()) * ${step}::float8 * interval '1 second' as created_at,
							now() - (now() - interval '730 days' + (i + 0.5) * ${step}::float8 * interval '1 second') as age,
							random() as r_unit, random() as r_kind, random() as r_state, random() as r_chan, random() as r_owner,
							random() as r_tech, random() as r_resp, random() as r_work, random() as r_sign
						from generate_series(${from}::int, ${to}::int) i
					) g
				) o
				join bench_units u on u.n = floor(o.r_unit * ${totalUnits}::float8)::int
				join bench_kinds k on k.n = floor(o.r_kind * ${kindCount!.n}::float8)::int
				join bench_staff s on s.estate_id = u.estate_id
			) x
			order by created_at`);
			console.log(`  … ${to + 1} repair orders (${((performance.now() - started) / 1000).toFixed(0)} s)`);
		}
	});
	// Statistics for the planner, and hint bits / visibility map set as on a table in steady use.
	await db().execute(sql`vacuum analyze`);
	console.log(`Generated the data set in ${((performance.now() - started) / 1000).toFixed(0)} s (incl. VACUUM ANALYZE)`);
}

interface Case {
	label: string;
	actor: Actor;
	filter: QueueFilter;
	/** A fresh filter per walk, or per call for lookups. */
	vary?: (n: number) => QueueFilter;
	/** One page per call (a reference lookup): 21 different lookups instead of a walk. */
	lookup?: boolean;
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Times staffQueue for each filter: page 1, then `next` for 20 pages, `rounds` times after a warm-up. */
async function measure(): Promise<boolean> {
	const actorFor = async (email: string) => {
		const [user] = await db()
			.select()
			.from(schema.users)
			.where(sql`${schema.users.email} = ${email}`);
		return (await loadActor(user!.id, null))!;
	};
	const desk = await actorFor('bench-service@bench.test');
	const engineer = await actorFor('bench-engineer-a1@bench.test');
	const [estateA] = await queryRows<{ id: string }>(db(), sql`select id from estates where code = 'BENCH-A'`);
	const kinds = await queryRows<{ id: string }>(db(), sql`select id from repair_kinds where active order by sort`);
	const [{ max: maxSeq } = { max: 1 }] = await queryRows<{ max: number }>(db(), sql`select max(seq)::int as max from repair_orders`);
	const stats = await queryRows<Record<string, string>>(
		db(),
		sql`select count(*) filter (where state not in ('done', 'cancelled')) as open,
			count(*) filter (where state = 'received') as received,
			count(*) filter (where state not in ('done', 'cancelled') and ((first_response_at is null and response_due_at < now()) or (work_done_at is null and completion_due_at < now()))) as overdue,
			count(*) filter (where estate_id in (select estate_id from staff_estates where user_id = ${desk.userId})) as visible
		from repair_orders`
	);
	console.log(`Orders: ${JSON.stringify(stats[0])} (visible = in the measured desk actor's 2 estates)`);
	const [{ version } = { version: '?' }] = await queryRows<{ version: string }>(
		db(),
		sql`select split_part(version(), ' on ', 1) as version`
	);
	const load = os
		.loadavg()
		.map((n) => n.toFixed(1))
		.join(' ');
	console.log(`Machine: ${os.cpus().length} cores, load average ${load}; ${version}; Node ${process.versions.node}`);

	const cases: Case[] = [
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

	// One walk: page 1 and the following pages through the keyset cursor, checking the order holds.
	async function walk(c: Case, round: number, times: number[] | null) {
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

	console.log(
		`\nstaffQueue, ${PAGE_SIZE} rows a page, page 1 + up to ${DEEP_PAGES} pages via the cursor, ${rounds} rounds after a warm-up (ms):`
	);
	console.log(
		`${'filter'.padEnd(18)} ${'calls'.padStart(5)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}  rows returned`
	);
	const all: number[] = [];
	for (const c of cases) {
		await walk(c, rounds, null);
		const times: number[] = [];
		let rows = 0;
		for (let r = 0; r < rounds; r++) rows += await walk(c, r, times);
		all.push(...times);
		times.sort((a, b) => a - b);
		const cells = [percentile(times, 50), percentile(times, 95), times.at(-1)!].map((ms) => ms.toFixed(1).padStart(7));
		console.log(`${c.label.padEnd(18)} ${String(times.length).padStart(5)} ${cells.join(' ')}  ${rows}`);
	}
	all.sort((a, b) => a - b);
	const p95 = percentile(all, 95);
	console.log(
		`${'overall'.padEnd(18)} ${String(all.length).padStart(5)} ${[percentile(all, 50), p95, all.at(-1)!].map((ms) => ms.toFixed(1).padStart(7)).join(' ')}`
	);
	// What each statement costs to plan against what it costs to run, for page 1 of a few filters.
	const { printStatementTimes } = await import('./statement-timing.ts');
	for (const c of cases.filter((c) => ['all', 'state=open', 'mine', 'technician: all'].includes(c.label))) {
		await printStatementTimes(`staffQueue, ${c.label}, page 1`, () => staffQueue(c.actor, { ...c.filter, limit: PAGE_SIZE }));
	}
	if (args.explain) await explain(cases);
	if (p95 > LIMIT_MS) {
		console.error(`FAIL: p95 ${p95.toFixed(1)} ms > ${LIMIT_MS} ms`);
		return false;
	}
	console.log(`OK: p95 ${p95.toFixed(1)} ms ≤ ${LIMIT_MS} ms`);
	return true;
}

/** EXPLAIN ANALYZE of the SQL staffQueue sends, for page 1 and page 21 of each filter. */
async function explain(cases: Case[]) {
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
