// The satisfaction survey under load (issue 11): `npm run bench:survey`.
//
// Prepares a PostgreSQL database with the demo data plus enough generated households for
// --recipients current occupancies (set-based SQL: towers of 1 000 flats, an owner each, some let
// to a renter; kept as the template database lobby_bench_survey_template), then for each process
// count in --processes (1 and 2):
//   1. copies the template into lobby_bench_survey and serves the built app on it (BUILD_DIR=
//      build-bench-survey, through scripts/start.ts, JOBS on in every process; with 2 processes
//      on --port and --port + 1, both built for the first one's origin, as behind a load balancer);
//   2. signs in as the demo manager and, on the staff pages, creates a survey from the annual
//      template (both estates: the whole audience) and sends it; times the job runner's
//      'surveys.send' job until the survey is open with a link per recipient, then the
//      notify.deliver jobs until every invitation email is in the outbox;
//   3. reads the personal links where a resident does — the inbox notices the sending wrote
//      (links are stored hashed only) — and submits the survey, each link once, through the plain
//      form post a phone without JavaScript makes (POST /s/<token>?/submit, answers generated
//      from the survey's definition and checked with checkAnswers first) at --rate a second for
//      --duration seconds, spread over the processes, after a --warmup at the same rate (its
//      submissions count, its latencies do not); every 50th request (--duplicate-every) re-submits
//      a link on purpose, alternately the one sent just before (still in flight — on the other
//      process when there are two) and one answered a while ago;
//   4. counts in the database: the survey's responses, its recipients marked answered, and those
//      of the links that were thanked must all equal the number of links thanked (nothing lost,
//      nothing twice), and no duplicate may be thanked twice.
// Prints the sending times, p50/p99 of the submissions, the CPU each part used, and the counts.
// Exits 1 when the sending does not finish, p99 passes 200 ms, fewer than 95 % of --rate
// submissions a second were made, a request fails or a count differs.
//
//   npm run bench:survey                                   both set-ups, 30 000 recipients (about 10 minutes on 2 cores)
//   npm run bench:survey -- --processes 2                  only the two-process set-up
//   npm run bench:survey -- --recipients 3000 --duration 10 --reuse   a quick run on the last data
//
// autocannon's rate limit hands each connection its quota at the start of every second, all
// connections together, so one instance at overallRate 100 sends bursts of 100 at once. Here each
// of --rate lanes is an autocannon instance of one connection at one request a second, the lanes
// started 1 s / rate apart: an even 100 requests a second (each lane on one process in turn).
//
// The databases live on BENCH_DATABASE_URL's server (else postgres@127.0.0.1:5432); --reuse keeps
// the template of the last run when it has enough occupancies. Drop them with
// `psql -h 127.0.0.1 -U postgres -c 'drop database lobby_bench_survey' -c 'drop database lobby_bench_survey_template'`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
	options: {
		recipients: { type: 'string', default: '30000' },
		rate: { type: 'string', default: '100' },
		duration: { type: 'string', default: '60' },
		warmup: { type: 'string', default: '10' },
		processes: { type: 'string', default: '1,2' },
		port: { type: 'string', default: '4330' },
		'duplicate-every': { type: 'string', default: '50' },
		reuse: { type: 'boolean', default: false },
		// Internal: the child process that fills the template database.
		prepare: { type: 'boolean', default: false }
	}
});

const MAX_P99_MS = 200;
/** The submissions a second actually reached must be at least this share of --rate. */
const MIN_RATE_SHARE = 0.95;
const TEMPLATE_DATABASE = 'lobby_bench_survey_template';
const DATABASE = 'lobby_bench_survey';
const BUILD_DIR = 'build-bench-survey';
const UNITS_PER_TOWER = 1000; // 40 floors × 25 flats
const serverUrl = new URL(process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
const target = Math.max(1, Math.round(Number(args.recipients)));

if (args.prepare) {
	await prepareHere(target);
	process.exit(0);
}

const rate = Math.max(1, Math.round(Number(args.rate)));
const seconds = Math.max(1, Math.round(Number(args.duration)));
const warmup = Math.max(0, Math.round(Number(args.warmup)));
const duplicateEvery = Math.max(2, Math.round(Number(args['duplicate-every'])));
const basePort = Number(args.port);
const origin = `http://localhost:${basePort}`;
const setups = args.processes.split(',').map((p) => Math.round(Number(p.trim())));
if (setups.some((p) => !(p >= 1 && p <= 8))) throw new Error(`--processes takes process counts (1–8), got ${args.processes}`);

const { default: postgres } = await import('postgres');
const { default: autocannon } = await import('autocannon');
const { DEMO_PASSWORD } = await import('../src/lib/server/seed/demo-data.ts');
const { checkAnswers, answersFromForm } = await import('../src/lib/surveys/definition.ts');
const { ANNUAL_SURVEY_CODE } = await import('../src/lib/surveys/annual-template.ts');
const { m } = await import('../src/lib/paraglide/messages.js');
type SurveyDefinition = import('../src/lib/surveys/definition.ts').SurveyDefinition;
type Sql = ReturnType<typeof postgres>;

const MANAGER = 'manager@lobby.test';
const locales = ['en', 'zh-Hans', 'zh-Hant'] as const;
/** What the page says after a submission, and to a link already answered, in every language. */
const thanked = locales.map((locale) => escapeHtml(m.surveys_thanks({}, { locale })));
const alreadyAnswered = locales.map((locale) => escapeHtml(m.surveys_already_answered({}, { locale })));

console.log(
	`Machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os
		.loadavg()
		.map((n) => n.toFixed(1))
		.join(' ')}; Node ${process.versions.node}`
);
console.log(
	`${target} recipients; ${rate} submissions/s for ${seconds} s after a ${warmup} s warm-up; ` +
		`every ${duplicateEvery}th request a link already used; set-ups: ${setups.map((p) => `${p} process${p > 1 ? 'es' : ''}`).join(', ')}\n`
);

const admin = postgres(databaseUrl('postgres'), { max: 1, onnotice: () => {} });
if (!args.reuse || !(await templateHolds(target))) await prepareTemplate();

const outcomes: Outcome[] = [];
try {
	for (const processes of setups) outcomes.push(await runSetup(processes));
} finally {
	await admin.end();
}

console.log('\nSummary:');
console.log(
	`${'processes'.padEnd(10)} ${'recipients'.padStart(10)} ${'links s'.padStart(8)} ${'mail s'.padStart(7)} ${'sent'.padStart(6)} ` +
		`${'req/s'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'thanked'.padStart(8)} ${'dup refused'.padStart(11)} ` +
		`${'responses'.padStart(9)} ${'busy'.padStart(5)}  verdict`
);
for (const o of outcomes) {
	console.log(
		`${String(o.processes).padEnd(10)} ${String(o.recipients).padStart(10)} ${o.linksSeconds.toFixed(1).padStart(8)} ` +
			`${o.mailSeconds.toFixed(1).padStart(7)} ${String(o.requests).padStart(6)} ${o.achievedRate.toFixed(1).padStart(6)} ` +
			`${o.p50.toFixed(1).padStart(7)} ${o.p99.toFixed(1).padStart(7)} ${String(o.thanked).padStart(8)} ` +
			`${`${o.duplicatesRefused}/${o.duplicates}`.padStart(11)} ${String(o.responses).padStart(9)} ` +
			`${`${(o.machineBusy * 100).toFixed(0)}%`.padStart(5)}  ${o.failures.length ? 'FAIL' : 'OK'}`
	);
}
let ok = true;
for (const o of outcomes) {
	if (o.failures.length) {
		ok = false;
		console.error(`FAIL with ${o.processes} process(es): ${o.failures.join('; ')}`);
	} else
		console.log(`OK with ${o.processes} process(es): p99 ${o.p99.toFixed(0)} ms, ${o.thanked} links thanked = ${o.responses} responses`);
}
process.exit(ok ? 0 : 1);

// ——— The data ———

function databaseUrl(name: string): string {
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

/** Whether the template of an earlier run is there with at least `recipients` current occupancies. */
async function templateHolds(recipients: number): Promise<boolean> {
	if ((await admin`select 1 from pg_database where datname = ${TEMPLATE_DATABASE}`).length === 0) return false;
	const sql = postgres(databaseUrl(TEMPLATE_DATABASE), { max: 1, onnotice: () => {} });
	try {
		const [row] = await sql<{ n: number }[]>`select count(*)::int as n from occupancies
			where starts_on <= current_date and (ends_on is null or ends_on >= current_date)`;
		return (row?.n ?? 0) >= recipients;
	} finally {
		await sql.end();
	}
}

/** The demo data and the generated households, in a child process (the app's modules read DATABASE_URL once). */
async function prepareTemplate(): Promise<void> {
	const started = performance.now();
	console.log(`Preparing ${TEMPLATE_DATABASE}: the demo data and households up to ${target} current occupancies…`);
	await admin.unsafe(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
	await admin.unsafe(`create database ${TEMPLATE_DATABASE}`);
	const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--prepare', '--recipients', String(target)], {
		cwd: root,
		stdio: 'inherit',
		env: { ...serverEnv(TEMPLATE_DATABASE), SEED: 'demo' }
	});
	const [code] = (await once(child, 'exit')) as [number | null];
	if (code !== 0) throw new Error(`Preparing ${TEMPLATE_DATABASE} failed (exit ${code})`);
	console.log(`Prepared in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

/** The child's work: migrate, load the demo data, add households until the audience has `recipients` occupancies. */
async function prepareHere(recipients: number): Promise<void> {
	const { sql } = await import('drizzle-orm');
	const { db, database, closeDatabase, queryRows } = await import('../src/lib/server/db/client.ts');
	const { prepareDatabase } = await import('../src/lib/server/boot/boot.ts');
	const { seedDemo, describeSeed } = await import('../src/lib/server/seed/demo.ts');
	// Current today (the sending counts them again with the app's own rule, each estate's today).
	const current = async () => {
		const [row] = await queryRows<{ n: number }>(
			db(),
			sql`select count(*)::int as n from occupancies where starts_on <= current_date and (ends_on is null or ends_on >= current_date)`
		);
		return row!.n;
	};
	try {
		await prepareDatabase();
		const seeded = await seedDemo(database());
		console.log(`  ${describeSeed(seeded)}`);
		if (!seeded.seeded) throw new Error('the demo data was not loaded');
		const demo = await current();
		const wanted = Math.max(0, recipients - demo);
		// Each flat has an owner; the first `renters` flats are also let (an occupancy more each).
		const flats = Math.ceil(wanted / 1.25);
		const renters = wanted - flats;
		const towers = Math.ceil(flats / UNITS_PER_TOWER);
		const started = performance.now();
		await db().transaction(async (tx) => {
			// Towers go to the demo estates in turn, so that the demo manager's survey reaches them all.
			await tx.execute(sql`insert into buildings (estate_id, code, name)
				select e.ids[1 + b % array_length(e.ids, 1)], 'S' || lpad(b::text, 3, '0'), 'Survey Tower ' || b
				from (select array_agg(id order by code) as ids from estates) e, generate_series(1, ${towers}::int) b`);
			await tx.execute(sql`insert into floors (building_id, level, label)
				select b.id, l, l || '/F' from buildings b cross join generate_series(1, 40) l where b.name like 'Survey Tower %'`);
			await tx.execute(sql`create temporary table survey_flats on commit drop as
				select (row_number() over (order by b.code, f.level, u))::int as n, b.id as building_id, b.estate_id, f.id as floor_id,
					f.level || chr(64 + u) as number, e.kind
				from buildings b join estates e on e.id = b.estate_id join floors f on f.building_id = b.id
				cross join generate_series(1, 25) u where b.name like 'Survey Tower %'`);
			await tx.execute(sql`delete from survey_flats where n > ${flats}::int`);
			await tx.execute(sql`insert into units (estate_id, building_id, floor_id, number, area_m_2, use)
				select estate_id, building_id, floor_id, number, 40 + n % 160,
					(case when kind = 'office' then 'office' else 'residential' end)::unit_use
				from survey_flats order by n`);
			// People read in their own language: a third each in English, 简体中文 and 繁體中文.
			await tx.execute(sql`insert into users (email, name, kind, locale)
				select 'survey-owner-' || n || '@bench.test', 'Survey Owner ' || n, 'resident'::user_kind,
					(array['en', 'zh-Hans', 'zh-Hant'])[1 + n % 3] from survey_flats
				union all
				select 'survey-renter-' || n || '@bench.test', 'Survey Renter ' || n, 'resident'::user_kind,
					(array['en', 'zh-Hans', 'zh-Hant'])[1 + (n + 1) % 3] from survey_flats where n <= ${renters}::int`);
			await tx.execute(sql`insert into occupancies (unit_id, user_id, role, starts_on)
				select un.id, us.id, 'owner'::occupancy_role, date '2016-01-01' + (f.n % 2000)
				from survey_flats f join units un on un.building_id = f.building_id and un.number = f.number
				join users us on us.email = 'survey-owner-' || f.n || '@bench.test'
				union all
				select un.id, us.id, 'renter'::occupancy_role, date '2024-01-01' + (f.n % 300)
				from survey_flats f join units un on un.building_id = f.building_id and un.number = f.number
				join users us on us.email = 'survey-renter-' || f.n || '@bench.test'
				where f.n <= ${renters}::int`);
		});
		await db().execute(sql`vacuum analyze`);
		const total = await current();
		console.log(
			`  ${flats} flats in ${towers} towers added in ${((performance.now() - started) / 1000).toFixed(0)} s: ` +
				`${total} current occupancies (the demo's ${demo})`
		);
		if (total < recipients) throw new Error(`only ${total} current occupancies, ${recipients} wanted`);
	} finally {
		await closeDatabase();
	}
}

// ——— One set-up ———

interface Outcome {
	processes: number;
	recipients: number;
	linksSeconds: number;
	mailSeconds: number;
	requests: number;
	achievedRate: number;
	/** The share of the machine's cores busy during the measured run, whatever kept them busy. */
	machineBusy: number;
	p50: number;
	p99: number;
	thanked: number;
	duplicates: number;
	duplicatesRefused: number;
	responses: number;
	failures: string[];
}

async function runSetup(processes: number): Promise<Outcome> {
	console.log(`——— ${processes} process${processes > 1 ? 'es' : ''} ———`);
	await admin.unsafe(`drop database if exists ${DATABASE} with (force)`);
	await admin.unsafe(`create database ${DATABASE} template ${TEMPLATE_DATABASE}`);
	const sql = postgres(databaseUrl(DATABASE), { max: 2, onnotice: () => {} });
	const servers: ChildProcess[] = [];
	const failures: string[] = [];
	try {
		// One after the other: the first builds when the sources changed, the others find the build.
		const ports = Array.from({ length: processes }, (_, i) => basePort + i);
		const stamp = () => fs.readFileSync(path.join(root, BUILD_DIR, '.stamp'), 'utf8');
		for (let attempt = 1; ; attempt++) {
			servers.push(await startServer(ports[0]!));
			const built = stamp();
			for (const port of ports.slice(1)) servers.push(await startServer(port));
			if (stamp() === built) break;
			// The sources changed in between and a later process rebuilt under the first one's feet.
			if (attempt === 3) throw new Error('The sources keep changing: the processes do not run one build');
			console.log('  the sources changed while the processes started: starting them all again on the new build');
			await Promise.all(servers.splice(0).map(stopServer));
		}
		await jobsIdle(sql, 'the jobs due at start');

		// Create and send the survey as the manager does, on the staff pages.
		const cookie = await signIn(MANAGER);
		const [template] = await sql<{ id: string }[]>`select id from survey_templates where code = ${ANNUAL_SURVEY_CODE}`;
		if (!template) throw new Error('no annual survey template');
		const created = await post('/staff/surveys?/create', cookie, { templateId: template.id });
		const surveyId = /^\/staff\/surveys\/([0-9a-f-]{36})$/.exec(created ?? '')?.[1];
		if (!surveyId) throw new Error(`Creating the survey did not lead to its page (${created})`);
		const sendStarted = performance.now();
		const sent = await post(`/staff/surveys/${surveyId}?/send`, cookie, {});
		if (!sent?.endsWith('done=send')) throw new Error(`Sending answered with ${sent}`);

		const { links: given, firstSeconds } = await waitForLinks(sql, surveyId, sendStarted);
		const linksSeconds = (performance.now() - sendStarted) / 1000;
		const [survey] = await sql<{ recipients: number; definition: SurveyDefinition; sentAt: Date }[]>`
			select recipient_count as recipients, definition, sent_at as "sentAt" from surveys where id = ${surveyId}`;
		const runners = await sql<{ by: string }[]>`select locked_by as by from jobs
			where kind = 'surveys.send' and dedupe_key = ${`surveys.send:${surveyId}`} order by created_at`;
		console.log(
			`  sent: ${given} links for ${survey!.recipients} recipients, the survey open ${linksSeconds.toFixed(1)} s after Send ` +
				`(the first links after ${firstSeconds.toFixed(1)} s — the runner polls every 5 s when idle —, then ` +
				`${Math.round(given / (linksSeconds - firstSeconds))} links/s; 'surveys.send' run by ${runners.map((r) => r.by).join(', ')})`
		);
		if (survey!.recipients < target) failures.push(`the survey went to ${survey!.recipients} recipients, ${target} wanted`);
		await jobsIdle(sql, 'the invitation emails', 'notify.deliver');
		const mailSeconds = (performance.now() - sendStarted) / 1000;
		const [mail] = await sql<{ n: number }[]>`select count(*)::int as n from outbox where created_at >= ${survey!.sentAt}`;
		const workers = await sql<{ by: string; n: number }[]>`select locked_by as by, count(*)::int as n from jobs
			where kind = 'notify.deliver' and done_at >= ${survey!.sentAt} group by locked_by order by locked_by`;
		console.log(
			`  mail: ${mail!.n} emails in the outbox ${mailSeconds.toFixed(1)} s after Send (notify.deliver jobs by ` +
				`${workers.map((w) => `${w.by} ${w.n}`).join(', ')})`
		);

		// The links as the residents got them: their inbox notices.
		const tokens = (
			await sql<{ link: string }[]>`select distinct link from notifications
				where subject_type = 'survey' and subject_id = ${surveyId} and kind = 'survey.invitation'`
		).map((row) => row.link.slice('/s/'.length));
		const needed = rate * (seconds + warmup);
		if (tokens.length < needed) throw new Error(`${tokens.length} links in the inboxes, ${needed} needed: more --recipients`);
		const load = submissions(tokens, bodies(survey!.definition), ports, {
			serverPids: servers.map((server) => server.pid!),
			backendPids: async () =>
				(await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${DATABASE} and pid <> pg_backend_pid()`).map(
					(row) => row.pid
				),
			checkpoints: () => checkpointsRequested(sql)
		});
		if (warmup > 0) await load.run(warmup, 'warm-up');
		const measured = await load.run(seconds, 'measured');

		// The counts: every link thanked has its response, and nothing else does.
		const thankedTokens = [...load.thankedTokens()];
		const [counts] = await sql<
			{ responses: number; recipients: number; answered: number; thankedAnswered: number; thankedResponses: number }[]
		>`
			with thanked as (
				select r.id from survey_recipients r
				where r.survey_id = ${surveyId} and r.token_hash in (select sha256(convert_to(t, 'UTF8')) from unnest(${thankedTokens}::text[]) t)
			)
			select (select count(*)::int from survey_responses where survey_id = ${surveyId}) as responses,
				(select count(distinct recipient_id)::int from survey_responses where survey_id = ${surveyId}) as recipients,
				(select count(*)::int from survey_recipients where survey_id = ${surveyId} and answered_at is not null) as answered,
				(select count(*)::int from survey_recipients r join thanked t on t.id = r.id where r.answered_at is not null) as "thankedAnswered",
				(select count(*)::int from survey_responses s join thanked t on t.id = s.recipient_id) as "thankedResponses"`;
		const c = counts!;
		const stats = load.stats();
		console.log(
			`  database: ${c.responses} responses (${c.recipients} distinct recipients), ${c.answered} recipients answered; ` +
				`of the ${thankedTokens.length} links thanked, ${c.thankedAnswered} answered with ${c.thankedResponses} responses`
		);
		if (stats.twiceThanked) failures.push(`${stats.twiceThanked} links were thanked twice`);
		if (stats.failed.length) failures.push(`${stats.failed.length} requests failed (e.g. ${stats.failed.slice(0, 3).join(' | ')})`);
		if (stats.duplicatesRefused !== stats.duplicates)
			failures.push(`of ${stats.duplicates} repeated links only ${stats.duplicatesRefused} were refused as answered`);
		for (const [name, n] of Object.entries(c))
			if (n !== thankedTokens.length) failures.push(`${name} is ${n}, ${thankedTokens.length} links were thanked`);
		if (measured.p99 > MAX_P99_MS) failures.push(`p99 ${measured.p99.toFixed(0)} ms (at most ${MAX_P99_MS} ms wanted)`);
		if (measured.achievedRate < rate * MIN_RATE_SHARE)
			failures.push(`${measured.achievedRate.toFixed(1)} submissions/s (at least ${(rate * MIN_RATE_SHARE).toFixed(0)} wanted)`);
		return {
			processes,
			recipients: given,
			linksSeconds,
			mailSeconds,
			requests: measured.requests,
			achievedRate: measured.achievedRate,
			p50: measured.p50,
			p99: measured.p99,
			machineBusy: measured.machineBusy,
			thanked: thankedTokens.length,
			duplicates: stats.duplicates,
			duplicatesRefused: stats.duplicatesRefused,
			responses: c.responses,
			failures
		};
	} finally {
		await Promise.all(servers.map(stopServer));
		await sql.end();
	}
}

/** Polls until the survey is open with a link per recipient counted at sending; returns the links and when the first came. */
async function waitForLinks(sql: Sql, surveyId: string, started: number): Promise<{ links: number; firstSeconds: number }> {
	let lastReport = started;
	let firstSeconds = NaN;
	for (;;) {
		const [row] = await sql<{ state: string; recipients: number | null; links: number }[]>`
			select state, recipient_count as recipients, (select count(*)::int from survey_recipients where survey_id = ${surveyId}) as links
			from surveys where id = ${surveyId}`;
		if (row?.links && Number.isNaN(firstSeconds)) firstSeconds = (performance.now() - started) / 1000;
		if (row?.state === 'open' && row.links === row.recipients) return { links: row.links, firstSeconds };
		if (performance.now() - lastReport > 15_000) {
			lastReport = performance.now();
			console.log(`  … ${row?.links} of ${row?.recipients} links after ${((lastReport - started) / 1000).toFixed(0)} s`);
		}
		if (performance.now() - started > 30 * 60_000) throw new Error(`The survey was not open within 30 minutes (${JSON.stringify(row)})`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** Waits until no job (of this kind) is due and unfinished. */
async function jobsIdle(sql: Sql, what: string, kind?: string): Promise<void> {
	const started = performance.now();
	let lastReport = started;
	for (;;) {
		const [row] = await sql<{ n: number }[]>`select count(*)::int as n from jobs
			where done_at is null and failed_at is null and run_at <= now() ${kind ? sql`and kind = ${kind}` : sql``}`;
		if (row!.n === 0) return;
		if (performance.now() - lastReport > 15_000) {
			lastReport = performance.now();
			console.log(`  … waiting for ${what}: ${row!.n} jobs due`);
		}
		if (performance.now() - started > 30 * 60_000) throw new Error(`${what}: ${row!.n} jobs still due after 30 minutes`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

// ——— The answers ———

/** Form bodies as the survey page posts them, varied, each checked by the app's own checkAnswers. */
function bodies(definition: SurveyDefinition, count = 400): string[] {
	let seed = 0x5eed;
	const random = () => {
		// mulberry32: the same answers on every run.
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
	// Mostly content, sometimes not: a low score brings its follow-up question.
	const score = (max: number) => (random() < 0.15 ? Math.floor(random() * 3) : max - Math.floor(random() * 3));
	const comments = ['Lifts are slow in the morning.', '保安很好，谢谢。', '大堂清潔可以再改善。', 'The app is easy to use.'];
	const out: string[] = [];
	for (let i = 0; i < count; i++) {
		const form = new URLSearchParams();
		const scores = new Map<string, number>();
		for (const question of definition.sections.flatMap((section) => section.questions)) {
			if (question.showIf && !((scores.get(question.showIf.question) ?? Infinity) < question.showIf.below)) continue;
			if (!question.required && random() < 0.4) continue;
			const name = `q.${question.id}`;
			switch (question.kind) {
				case 'satisfaction':
				case 'nps': {
					const value = question.kind === 'nps' ? score(10) : Math.max(1, score(5));
					scores.set(question.id, value);
					form.append(name, String(value));
					break;
				}
				case 'single':
					form.append(name, pick(question.choices).id);
					break;
				case 'multiple':
					for (const choice of question.choices) if (random() < 0.4) form.append(name, choice.id);
					if (question.required && !form.has(name)) form.append(name, question.choices[0]!.id);
					break;
				case 'text':
					form.append(name, pick(comments).slice(0, question.maxLength));
					break;
				case 'grid':
					for (const row of question.rows) form.append(`${name}.${row.id}`, String(Math.max(1, score(5))));
					break;
			}
		}
		const { problems } = checkAnswers(definition, answersFromForm(definition, form.entries()), { submit: true });
		if (Object.keys(problems).length) throw new Error(`A generated answer would be refused: ${JSON.stringify(problems)}`);
		out.push(form.toString());
	}
	return out;
}

// ——— The load ———

/** 'thanked', 'already answered', or the status and the start of the page of anything else. */
type Reply = string;

interface Sent {
	token: string;
	duplicate: boolean;
}

/**
 * The submissions of one set-up: which link each request carried and what came back, over every
 * run (the warm-up's count too). A function, not a class: the script's body above calls it.
 */
function submissions(tokens: readonly string[], forms: readonly string[], ports: readonly number[], watch: Watch) {
	let next = 0;
	let requestNo = 0;
	let duplicates = 0;
	const sent: string[] = [];
	const replies = new Map<string, Reply[]>();
	const failed: string[] = [];

	/** The link for the next request: a fresh one, or now and then one already used. */
	const take = (): Sent => {
		requestNo++;
		if (requestNo % duplicateEvery === 0 && sent.length > 100) {
			// Alternately the link sent just before (likely still in flight) and one answered a while ago.
			const back = (requestNo / duplicateEvery) % 2 ? 1 : 100;
			return { token: sent[sent.length - back]!, duplicate: true };
		}
		const token = tokens[next++];
		if (!token) throw new Error('Out of links: more --recipients');
		sent.push(token);
		return { token, duplicate: false };
	};

	const record = (request: Sent, status: number, body: string): void => {
		const reply: Reply =
			status === 200 && thanked.some((text) => body.includes(text))
				? 'thanked'
				: status === 200 && alreadyAnswered.some((text) => body.includes(text))
					? 'already answered'
					: `${status} ${body.replace(/\s+/g, ' ').slice(0, 120)}`;
		replies.set(request.token, [...(replies.get(request.token) ?? []), reply]);
		if (request.duplicate) duplicates++;
		if (reply !== 'thanked' && reply !== 'already answered') failed.push(`/s/…${request.token.slice(-4)}: ${reply}`);
	};

	/** `rate` lanes of one request a second each, started evenly over a second, for `duration` seconds. */
	const run = async (
		duration: number,
		label: string
	): Promise<{ requests: number; achievedRate: number; p50: number; p99: number; machineBusy: number }> => {
		const latencies: number[] = [];
		/** When each answered request was sent (ms into the run) and how long it took. */
		const timeline: [number, number][] = [];
		let errors = 0;
		const cpuBefore = cpuSnapshot({ servers: watch.serverPids, postgres: await watch.backendPids() });
		const checkpointsBefore = await watch.checkpoints();
		const started = performance.now();
		const lanes = Array.from({ length: rate }, async (_, lane) => {
			await new Promise((resolve) => setTimeout(resolve, (lane * 1000) / rate));
			const port = ports[lane % ports.length]!;
			const result = await new Promise<import('autocannon').Result>((resolve, reject) => {
				const instance = autocannon(
					{
						url: `http://localhost:${port}`,
						connections: 1,
						connectionRate: 1,
						amount: duration,
						// The app's origin (the build's): SvelteKit refuses a form post from another site.
						headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
						requests: [
							{
								method: 'POST',
								setupRequest: (request, context) => {
									const link = take();
									(context as { sent?: Sent }).sent = link;
									return { ...request, path: `/s/${link.token}?/submit`, body: forms[requestNo % forms.length] };
								},
								onResponse: (status, body, context) => record((context as { sent: Sent }).sent, status, body)
							}
						]
					},
					(error, done) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done))
				);
				instance.on('response', (_client, _status, _bytes, ms) => {
					latencies.push(ms);
					timeline.push([performance.now() - started - ms, ms]);
				});
			});
			errors += result.errors + result.timeouts;
		});
		await Promise.all(lanes);
		const elapsed = (performance.now() - started) / 1000;
		// Backends the pools opened meanwhile count from zero.
		const cpu = cpuSnapshot({ servers: watch.serverPids, postgres: await watch.backendPids() }).since(cpuBefore, elapsed);
		const checkpoints = (await watch.checkpoints()) - checkpointsBefore;
		if (errors) failed.push(`${errors} connection errors or timeouts in the ${label} run`);
		const sorted = latencies.sort((a, b) => a - b);
		const figures = {
			requests: sorted.length,
			achievedRate: sorted.length / elapsed,
			p50: percentile(sorted, 50),
			p99: percentile(sorted, 99),
			machineBusy: cpu.machine
		};
		console.log(
			`  ${label}: ${figures.requests} submissions in ${elapsed.toFixed(1)} s (${figures.achievedRate.toFixed(1)}/s) ` +
				`on ${ports.length} process(es): p50 ${figures.p50.toFixed(1)} ms, p90 ${percentile(sorted, 90).toFixed(1)} ms, ` +
				`p99 ${figures.p99.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`
		);
		const percent = (share: number) => `${(share * 100).toFixed(0)} %`;
		const ours = cpu.servers.reduce((a, b) => a + b, 0) + cpu.postgres + cpu.self;
		const cores = os.cpus().length;
		console.log(
			`    CPU (share of one core): app ${cpu.servers.map(percent).join(' + ')} — ` +
				`${((cpu.servers.reduce((a, b) => a + b, 0) * elapsed * 1000) / figures.requests).toFixed(1)} ms a submission; ` +
				`its PostgreSQL backends ${percent(cpu.postgres)}, this script ${percent(cpu.self)}; ` +
				`the machine ${percent(cpu.machine)} of ${cores} cores busy, ${percent(Math.max(0, cpu.machine * cores - ours))} of a core by everything else`
		);
		// The seconds (by when the request was sent) whose slowest answer passed the target, worst first.
		const slowest = new Map<number, number>();
		for (const [sentAt, ms] of timeline) {
			const second = Math.floor(sentAt / 1000);
			slowest.set(second, Math.max(slowest.get(second) ?? 0, ms));
		}
		const slow = [...slowest].filter(([, ms]) => ms > MAX_P99_MS).sort((a, b) => b[1] - a[1]);
		const clock = (second: number) => new Date(Date.now() - (performance.now() - started) + second * 1000).toISOString().slice(11, 19);
		console.log(
			`    ${slow.length} of ${slowest.size} seconds had an answer over ${MAX_P99_MS} ms` +
				(slow.length
					? ` (worst at ${slow
							.slice(0, 5)
							.map(([second, ms]) => `${clock(second)} UTC ${ms.toFixed(0)} ms`)
							.join(', ')})`
					: '') +
				`; PostgreSQL checkpoints requested meanwhile (e.g. by CREATE DATABASE, anyone's): ${checkpoints}`
		);
		return figures;
	};

	return {
		run,
		thankedTokens: () => new Set([...replies].filter(([, r]) => r.includes('thanked')).map(([token]) => token)),
		stats() {
			let twiceThanked = 0;
			let duplicatesRefused = 0;
			for (const r of replies.values()) {
				const thanks = r.filter((reply) => reply === 'thanked').length;
				if (thanks > 1) twiceThanked++;
				// A link sent twice: one thanks and one "already answered" (which came first does not matter).
				if (r.length > 1 && thanks === 1) duplicatesRefused += r.filter((reply) => reply === 'already answered').length;
			}
			return { twiceThanked, duplicates, duplicatesRefused, failed };
		}
	};
}

/** What a run watches besides its answers: the app's processes, their PostgreSQL backends, the server's checkpoints. */
interface Watch {
	serverPids: readonly number[];
	backendPids: () => Promise<number[]>;
	checkpoints: () => Promise<number>;
}

/** Checkpoints the PostgreSQL server was asked for so far (PostgreSQL 17 moved the counter); NaN when neither view answers. */
async function checkpointsRequested(sql: Sql): Promise<number> {
	for (const query of [
		'select checkpoints_req::int as n from pg_stat_bgwriter',
		'select num_requested::int as n from pg_stat_checkpointer'
	]) {
		try {
			const [row] = await sql.unsafe<{ n: number }[]>(query);
			if (row) return row.n;
		} catch {
			// The other view, then.
		}
	}
	return NaN;
}

/**
 * CPU seconds used so far (Linux /proc, in clock ticks of 10 ms): by each app process, by the
 * PostgreSQL backends serving the app (not the server's own background processes), by this
 * script, and by the whole machine; zero or NaN elsewhere.
 */
function cpuSnapshot(pids: { servers: readonly number[]; postgres: readonly number[] }) {
	const ticks = (pid: number | string) => {
		try {
			const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
			return (Number(fields[11]) + Number(fields[12])) / 100;
		} catch {
			return 0;
		}
	};
	const machine = () => {
		const fields = (readOr('/proc/stat').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
		const total = fields.reduce((a, b) => a + b, 0) / 100;
		return { busy: total - ((fields[3] ?? NaN) + (fields[4] ?? NaN)) / 100, total };
	};
	const snapshot = {
		servers: pids.servers.map(ticks),
		postgres: new Map(pids.postgres.map((pid) => [pid, ticks(pid)])),
		self: ticks(process.pid),
		machine: machine()
	};
	return {
		...snapshot,
		/** Shares of one core over `seconds` since an earlier snapshot; the machine's as a share of all its cores. */
		since(before: typeof snapshot, seconds: number) {
			return {
				servers: snapshot.servers.map((s, i) => (s - before.servers[i]!) / seconds),
				postgres: [...snapshot.postgres].reduce((sum, [pid, used]) => sum + used - (before.postgres.get(pid) ?? 0), 0) / seconds,
				self: (snapshot.self - before.self) / seconds,
				machine: (snapshot.machine.busy - before.machine.busy) / (snapshot.machine.total - before.machine.total)
			};
		}
	};
}

function readOr(file: string): string {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

// ——— The servers ———

function serverEnv(database: string): NodeJS.ProcessEnv {
	return {
		...process.env,
		DATABASE_URL: databaseUrl(database),
		SMTP_URL: '',
		STRIPE_SECRET_KEY: '',
		STRIPE_WEBHOOK_SECRET: ''
	};
}

/**
 * The bench build on lobby_bench_survey at this port, built for the first process's origin, jobs
 * on. A failed build is tried again twice: a build elsewhere in the project (another checkout's
 * tests) may empty .svelte-kit/output under this one.
 */
async function startServer(port: number, tries = 3): Promise<ChildProcess> {
	const url = `http://localhost:${port}`;
	const busy = await fetch(`${url}/api/health`).then(
		() => true,
		() => false
	);
	if (busy) throw new Error(`Something already answers on ${url}: stop it, or choose another --port.`);
	let log = '';
	const server = spawn(process.execPath, [path.join(root, 'scripts', 'start.ts')], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...serverEnv(DATABASE), SEED: 'false', PORT: String(port), ORIGIN: origin, BUILD_DIR, JOBS: 'on' }
	});
	const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000));
	server.stdout.on('data', keep);
	server.stderr.on('data', keep);
	console.log(`  starting a server on ${url} (builds ${BUILD_DIR} when the sources changed)…`);
	const deadline = Date.now() + 600_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) {
			if (tries > 1 && log.includes('The build failed')) {
				console.log(`  the build failed (${/Error: .*/.exec(log)?.[0] ?? 'see above'}); trying again in 20 s`);
				await new Promise((resolve) => setTimeout(resolve, 20_000));
				return startServer(port, tries - 1);
			}
			throw new Error(`scripts/start.ts exited with ${server.exitCode}:\n${log}`);
		}
		const up = await fetch(`${url}/api/health`).then(
			(r) => r.ok,
			() => false
		);
		if (up) return server;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	server.kill('SIGTERM');
	throw new Error(`${url} did not answer within 10 minutes:\n${log}`);
}

/** SIGTERM (adapter-node closes the database on it), then SIGKILL if it has not exited within 15 s. */
async function stopServer(server: ChildProcess): Promise<void> {
	if (server.exitCode !== null || server.signalCode !== null) return;
	const exited = once(server, 'exit');
	server.kill('SIGTERM');
	const timer = setTimeout(() => server.kill('SIGKILL'), 15_000);
	await exited;
	clearTimeout(timer);
}

/** Signs in through the login form, as a browser without JavaScript would; returns the Cookie header. */
async function signIn(email: string): Promise<string> {
	const response = await fetch(`${origin}/login`, {
		method: 'POST',
		headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
		redirect: 'manual'
	});
	await response.arrayBuffer();
	const session = response.headers.getSetCookie().find((c) => c.startsWith('lobby_session='));
	if (response.status !== 303 || !session) throw new Error(`Signing in as ${email} answered ${response.status} without a session`);
	return session.split(';')[0]!;
}

/** A staff page's form post; returns where its 303 leads (null: no redirect). */
async function post(pagePath: string, cookie: string, form: Record<string, string>): Promise<string | null> {
	const response = await fetch(origin + pagePath, {
		method: 'POST',
		headers: { origin, cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(form),
		redirect: 'manual'
	});
	const text = await response.text();
	if (response.status !== 303) throw new Error(`POST ${pagePath} answered ${response.status}: ${text.slice(0, 300)}`);
	return response.headers.get('location');
}
