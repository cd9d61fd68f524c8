// Throughput of the built server (issue 9, "fast on a busy server"): `npm run bench:http`.
//
// Builds the app once (BUILD_DIR=build-bench, through scripts/start.ts), then for each database —
// PGlite and PostgreSQL — loads the demo data plus 10 000 units of history (bench-http-history.ts),
// serves that same build on it, signs in as the demo resident and a demo desk member, and loads
// /api/health, /login, /app, /app/bills and /staff/repairs with autocannon (10 connections), one
// page after the other, round after round (A B C A B C: a noisy moment hits every page alike),
// after a warm-up. Prints req/s, p50 and p99 per page and each page's ratio to /login.
// Exits 1 when on either database GET /app < 0.25 × GET /login req/s, or p99 of /app > 250 ms.
//
//   npm run bench:http                              everything (about 6 minutes on 2 cores)
//   npm run bench:http -- --databases pglite        one database (pglite, postgres)
//   npm run bench:http -- --duration 5 --rounds 1   shorter runs
//   npm run bench:http -- --reuse                   keep the data of the last run (no new history)
//
// PGlite's data goes to tmp/bench-http/pglite; PostgreSQL's into the database lobby_bench_http on
// BENCH_DATABASE_URL's server (else postgres@127.0.0.1:5432). The server listens on --port (4310).
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
		databases: { type: 'string', default: 'pglite,postgres' },
		port: { type: 'string', default: '4310' },
		duration: { type: 'string', default: '10' },
		warmup: { type: 'string', default: '3' },
		rounds: { type: 'string', default: '2' },
		connections: { type: 'string', default: '10' },
		units: { type: 'string', default: '10000' },
		reuse: { type: 'boolean', default: false },
		// Internal: the child process that loads one database (PGlite admits one process at a time).
		prepare: { type: 'boolean', default: false }
	}
});

const MIN_RATIO = 0.25;
const MAX_P99_MS = 250;
const PGLITE_DIR = path.join(root, 'tmp', 'bench-http', 'pglite');
const PG_DATABASE = 'lobby_bench_http';
const serverUrl = new URL(process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
const pgUrl = new URL(serverUrl);
pgUrl.pathname = `/${PG_DATABASE}`;

if (args.prepare) {
	await prepareHere(Number(args.units));
	process.exit(0);
}

type Kind = 'pglite' | 'postgres';
const kinds = args.databases.split(',').map((k) => k.trim()) as Kind[];
if (kinds.some((k) => k !== 'pglite' && k !== 'postgres'))
	throw new Error(`--databases takes pglite and/or postgres, got ${args.databases}`);
const port = args.port;
const origin = `http://localhost:${port}`;
const seconds = Math.max(1, Number(args.duration));
const warmup = Math.max(0, Number(args.warmup));
const rounds = Math.max(1, Number(args.rounds));
const connections = Math.max(1, Number(args.connections));

interface Page {
	path: string;
	who: 'nobody' | 'resident' | 'staff';
}
const pages: Page[] = [
	{ path: '/api/health', who: 'nobody' },
	{ path: '/login', who: 'nobody' },
	{ path: '/app', who: 'resident' },
	{ path: '/app/bills', who: 'resident' },
	{ path: '/staff/repairs', who: 'staff' }
];

interface Figures {
	rps: number;
	p50: number;
	p99: number;
	/** Requests that failed or timed out (autocannon gives up after 10 s). */
	failed: number;
}

const { DEMO_PASSWORD, demoResident } = await import('../src/lib/server/seed/demo-data.ts');
const accounts = { resident: demoResident.email, staff: 'service@lobby.test' };
const { default: autocannon } = await import('autocannon');

console.log(
	`Machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os
		.loadavg()
		.map((n) => n.toFixed(1))
		.join(' ')}; Node ${process.versions.node}`
);
console.log(`autocannon: ${connections} connections, ${seconds} s per page and round, ${rounds} rounds after a ${warmup} s warm-up\n`);

const results = new Map<Kind, Map<string, Figures>>();
for (const kind of kinds) {
	if (!args.reuse || !(await hasData(kind))) await prepare(kind);
	results.set(kind, await measure(kind));
}

let ok = true;
for (const [kind, figures] of results) {
	const login = figures.get('/login')!;
	const app = figures.get('/app')!;
	const ratio = app.rps / login.rps;
	const verdicts = [
		ratio >= MIN_RATIO ? null : `/app does ${ratio.toFixed(2)} × /login (at least ${MIN_RATIO} wanted)`,
		app.p99 <= MAX_P99_MS ? null : `p99 of /app is ${app.p99.toFixed(0)} ms (at most ${MAX_P99_MS} ms wanted)`,
		app.failed === 0 ? null : `${app.failed} requests to /app failed or timed out`
	].filter(Boolean);
	if (verdicts.length) {
		ok = false;
		console.error(`FAIL on ${kind}: ${verdicts.join('; ')}`);
	} else console.log(`OK on ${kind}: /app ${ratio.toFixed(2)} × /login, p99 ${app.p99.toFixed(0)} ms`);
}
process.exit(ok ? 0 : 1);

/** Whether the database of the last run is still there (for --reuse). */
async function hasData(kind: Kind): Promise<boolean> {
	if (kind === 'pglite') return fs.existsSync(path.join(PGLITE_DIR, 'PG_VERSION'));
	const { default: postgres } = await import('postgres');
	const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
	try {
		return (await admin`select 1 from pg_database where datname = ${PG_DATABASE}`).length > 0;
	} finally {
		await admin.end();
	}
}

function adminUrl(): string {
	const url = new URL(serverUrl);
	url.pathname = '/postgres';
	return url.toString();
}

/** Loads the demo data and the history into a fresh database of this kind, in a child process. */
async function prepare(kind: Kind): Promise<void> {
	const started = performance.now();
	if (kind === 'pglite') fs.rmSync(PGLITE_DIR, { recursive: true, force: true });
	console.log(`${label(kind)}: loading the demo data and ${args.units} units of history…`);
	const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--prepare', '--units', args.units], {
		cwd: root,
		stdio: 'inherit',
		env: databaseEnv(kind)
	});
	const [code] = (await once(child, 'exit')) as [number | null];
	if (code !== 0) throw new Error(`Preparing the ${kind} database failed (exit ${code})`);
	console.log(`${label(kind)}: ready in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

function databaseEnv(kind: Kind): NodeJS.ProcessEnv {
	const env = { ...process.env, SMTP_URL: '', STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '' };
	return kind === 'pglite'
		? { ...env, DATABASE_URL: '', PGLITE_DIR, SEED: 'demo' }
		: { ...env, DATABASE_URL: pgUrl.toString(), SEED: 'demo' };
}

function label(kind: Kind): string {
	return kind === 'pglite' ? 'PGlite' : 'PostgreSQL';
}

/** The child's work: a fresh database with the demo data and the history. */
async function prepareHere(units: number): Promise<void> {
	const postgresUrl = process.env.DATABASE_URL;
	if (postgresUrl) {
		const { default: postgres } = await import('postgres');
		const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
		await admin.unsafe(`drop database if exists ${PG_DATABASE} with (force)`);
		await admin.unsafe(`create database ${PG_DATABASE}`);
		await admin.end();
	}
	const { sql } = await import('drizzle-orm');
	const { db, database, closeDatabase } = await import('../src/lib/server/db/client.ts');
	const { prepareDatabase } = await import('../src/lib/server/boot/boot.ts');
	const { seedDemo, describeSeed } = await import('../src/lib/server/seed/demo.ts');
	const { addHistory } = await import('./bench-http-history.ts');
	try {
		await prepareDatabase();
		const seeded = await seedDemo(database());
		console.log(`  ${describeSeed(seeded)}`);
		if (!seeded.seeded) throw new Error('the demo data was not loaded');
		const started = performance.now();
		const counts = await addHistory(db(), units);
		// PostgreSQL's autovacuum would analyze the new rows soon after; PGlite has no autovacuum.
		if (postgresUrl) await db().execute(sql`vacuum analyze`);
		console.log(
			`  history added in ${((performance.now() - started) / 1000).toFixed(0)} s: now ${counts.units} units, ` +
				`${counts.repairOrders} repair orders, ${counts.bills} bills`
		);
	} finally {
		await closeDatabase();
	}
}

/** Serves the bench build on this database and loads every page; returns the figures per page. */
async function measure(kind: Kind): Promise<Map<string, Figures>> {
	const server = await startServer(kind);
	try {
		const cookies = { nobody: '', resident: await signIn(accounts.resident), staff: await signIn(accounts.staff) };
		const headers = (page: Page): Record<string, string> => (page.who === 'nobody' ? {} : { cookie: cookies[page.who] });
		// Every page must answer 200 as itself: a redirect to the login would be fast and meaningless.
		for (const page of pages) {
			const response = await fetch(origin + page.path, { headers: headers(page), redirect: 'manual' });
			await response.arrayBuffer();
			if (response.status !== 200) throw new Error(`${page.path} answered ${response.status} for ${page.who}`);
		}
		if (warmup > 0) for (const page of pages) await load(page.path, headers(page), warmup);
		const samples = new Map<string, { rps: number[]; latencies: number[]; failed: number }>(
			pages.map((p) => [p.path, { rps: [], latencies: [], failed: 0 }])
		);
		for (let round = 1; round <= rounds; round++) {
			for (const page of pages) {
				const run = await load(page.path, headers(page), seconds);
				const sample = samples.get(page.path)!;
				sample.rps.push(run.rps);
				sample.latencies.push(...run.latencies);
				sample.failed += run.failed;
			}
			console.log(`  ${label(kind)}: round ${round} of ${rounds} done`);
		}
		const figures = new Map<string, Figures>();
		for (const [pagePath, sample] of samples) {
			const sorted = sample.latencies.sort((a, b) => a - b);
			figures.set(pagePath, {
				rps: sample.rps.reduce((a, b) => a + b, 0) / sample.rps.length,
				p50: percentile(sorted, 50),
				p99: percentile(sorted, 99),
				failed: sample.failed
			});
		}
		printTable(kind, figures);
		return figures;
	} finally {
		await stopServer(server);
	}
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

async function startServer(kind: Kind): Promise<ChildProcess> {
	const busy = await fetch(`${origin}/api/health`).then(
		() => true,
		() => false
	);
	if (busy) throw new Error(`Something already answers on ${origin}: stop it, or choose another --port.`);
	let log = '';
	const server = spawn(process.execPath, [path.join(root, 'scripts', 'start.ts')], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			...databaseEnv(kind),
			SEED: 'false',
			PORT: port,
			ORIGIN: origin,
			BUILD_DIR: 'build-bench',
			// Durable jobs (a billing run, reminders for the history's arrears) would run in the middle of a measurement.
			JOBS: 'off'
		}
	});
	const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000));
	server.stdout.on('data', keep);
	server.stderr.on('data', keep);
	console.log(`${label(kind)}: starting the server on ${origin} (builds build-bench when the sources changed)…`);
	const deadline = Date.now() + 600_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) throw new Error(`scripts/start.ts exited with ${server.exitCode}:\n${log}`);
		const up = await fetch(`${origin}/api/health`).then(
			(r) => r.ok,
			() => false
		);
		if (up) return server;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	server.kill('SIGTERM');
	throw new Error(`${origin} did not answer within 10 minutes:\n${log}`);
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

/** One autocannon run against one page; every answer must be a 2xx (a redirect would be a wrong set-up). */
async function load(
	pagePath: string,
	headers: Record<string, string>,
	duration: number
): Promise<{ rps: number; latencies: number[]; failed: number }> {
	const latencies: number[] = [];
	const result = await new Promise<import('autocannon').Result>((resolve, reject) => {
		const instance = autocannon({ url: origin + pagePath, connections, duration, headers }, (error, done) =>
			error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done)
		);
		instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
	});
	if (result.non2xx) throw new Error(`${pagePath}: ${result.non2xx} answers other than 2xx`);
	// autocannon counts a timeout as an error too.
	return { rps: result.requests.average, latencies, failed: result.errors };
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

function printTable(kind: Kind, figures: Map<string, Figures>): void {
	const login = figures.get('/login')!.rps;
	console.log(`\n${label(kind)}, demo data + ${args.units} units of history:`);
	console.log(
		`${'page'.padEnd(16)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'÷ /login'.padStart(9)} ${'failed'.padStart(7)}`
	);
	for (const [pagePath, f] of figures) {
		const cells = [f.rps.toFixed(0), f.p50.toFixed(0), f.p99.toFixed(0)].map((cell) => cell.padStart(8));
		console.log(`${pagePath.padEnd(16)} ${cells.join(' ')} ${(f.rps / login).toFixed(2).padStart(9)} ${String(f.failed).padStart(7)}`);
	}
	console.log('');
}
