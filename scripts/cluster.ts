// The scale-out harness: Lobby as a company with several app servers runs it, on one machine.
//   1. a fresh PostgreSQL database and a local S3-compatible bucket (s3rver) that both processes share;
//   2. two app processes (scripts/start.ts) started at the same moment — their migrations and demo
//      seeding race, as two servers of a new release do — with JOBS on in both;
//   3. haproxy (Debian's package) in front, round-robin, on PORT: the one origin the browser sees.
// It runs until SIGTERM or SIGINT, then stops the apps gracefully (requests drained, claimed jobs
// handed back), reads their JSON logs and the jobs table, and writes what each process did to
// CLUSTER_REPORT (default tmp/reports/cluster.json): the requests and jobs each served and every
// job that ran more than once. Exits 1 when a check fails. Playwright starts it as the journeys'
// server when E2E_CLUSTER is set (playwright.config.ts); npm test does that where PostgreSQL runs
// and turns the report into the "cluster" step.
//
//   PORT, ORIGIN       where the proxy listens (default 4173, http://localhost:4173)
//   BUILD_DIR          the build the apps serve (default build-e2e)
//   CLUSTER_DATABASE_URL   the PostgreSQL server to borrow (default postgres://postgres@127.0.0.1:5432/postgres)
//   WIDGET_HOST_PORT   the demo estate's site, served beside the first app only
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { startLocalS3 } from '../tests/s3-server.ts';
import { analyseCluster, type ClusterReport } from './cluster-report.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const port = Number(process.env.PORT || 4173);
const origin = (process.env.ORIGIN || `http://localhost:${port}`).replace(/\/$/, '');
const buildDir = process.env.BUILD_DIR || 'build-e2e';
const reportFile = path.resolve(process.env.CLUSTER_REPORT || path.join('tmp', 'reports', 'cluster.json'));
const workDir = path.join(root, 'tmp', `cluster-${port}`);
const serverUrl = new URL(process.env.CLUSTER_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
const databaseName = `lobby_cluster_${port}`;
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${databaseName}` }).toString();
const APPS = 2;

const say = (line: string) => console.error(`[cluster] ${line}`);

/** A port nothing listens on now. */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
		probe.once('error', reject);
	});
}

async function healthy(url: string, timeoutMs: number, exited: () => boolean): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (exited()) throw new Error(`the process behind ${url} exited`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

function haproxyConfig(apps: { port: number }[]): string {
	return [
		'global',
		'  maxconn 2000',
		'defaults',
		'  mode http',
		'  timeout connect 5s',
		// Uploads of large drawings and the journeys' slow pages: nothing here should cut them.
		'  timeout client 300s',
		'  timeout server 300s',
		'  option forwardfor',
		'frontend lobby',
		`  bind :${port}`,
		'  default_backend apps',
		'backend apps',
		// Every request to the next process in turn: a session, an upload's chunks, a payment's
		// return and its webhook each land on either.
		'  balance roundrobin',
		'  option httpchk GET /api/health',
		...apps.map((app, i) => `  server app${i + 1} 127.0.0.1:${app.port} check inter 2s`),
		''
	].join('\n');
}

fs.rmSync(workDir, { recursive: true, force: true });
fs.mkdirSync(workDir, { recursive: true });

// The build first, once: two processes finding it stale would both write it.
{
	const built = spawnSync(process.execPath, ['scripts/start.ts', '--build-only'], {
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, BUILD_DIR: buildDir, ORIGIN: origin, PORT: String(port), DATABASE_URL: '' }
	});
	if (built.status !== 0) process.exit(built.status ?? 1);
}

const admin = postgres(serverUrl.toString(), { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
await admin.unsafe(`create database ${databaseName}`);

const s3 = await startLocalS3('lobby-cluster');
const appEnv: NodeJS.ProcessEnv = {
	...process.env,
	NODE_ENV: 'production',
	BUILD_DIR: buildDir,
	ORIGIN: origin,
	HOST: '127.0.0.1',
	DATABASE_URL: databaseUrl,
	PGLITE_DIR: '',
	SEED: 'demo',
	JOBS: 'on',
	LOG_LEVEL: 'info',
	SMTP_URL: '',
	// One sandbox secret for all: a checkout started on one process is confirmed on the other.
	PAYMENTS_SANDBOX: 'on',
	SANDBOX_WEBHOOK_SECRET: randomBytes(24).toString('hex'),
	STORAGE: 's3',
	S3_ENDPOINT: s3.settings.endpoint,
	S3_REGION: s3.settings.region,
	S3_BUCKET: s3.settings.bucket,
	S3_ACCESS_KEY_ID: s3.settings.accessKeyId,
	S3_SECRET_ACCESS_KEY: s3.settings.secretAccessKey,
	S3_PREFIX: s3.settings.prefix,
	// The client's address from the proxy's X-Forwarded-For (throttling per address).
	ADDRESS_HEADER: 'X-Forwarded-For',
	XFF_DEPTH: '1'
};

interface App {
	port: number;
	log: string;
	child: ChildProcess;
	/** How it ended: its exit code, or the signal that killed it. */
	exit: string | null;
	exited: boolean;
}

const apps: App[] = [];
for (let i = 0; i < APPS; i++) {
	const appPort = await freePort();
	const log = path.join(workDir, `app-${i + 1}.log`);
	const out = fs.openSync(log, 'w');
	const child = spawn(process.execPath, ['scripts/start.ts'], {
		env: { ...appEnv, PORT: String(appPort), WIDGET_HOST_PORT: i === 0 ? (process.env.WIDGET_HOST_PORT ?? '') : 'off' },
		stdio: ['ignore', out, 'pipe'],
		// A group of its own: Playwright signals the harness's whole group, and a second SIGTERM
		// would make start.ts quit at once instead of draining.
		detached: true
	});
	const app: App = { port: appPort, log, child, exit: null, exited: false };
	child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[app${i + 1}] ${chunk.toString()}`));
	child.once('exit', (code, signal) => {
		app.exited = true;
		app.exit = signal ?? String(code);
	});
	apps.push(app);
}
say(`2 app processes (pids ${apps.map((a) => a.child.pid).join(', ')}) starting at once on ${databaseName}, files in s3rver`);

let proxy: ChildProcess | undefined;
let stopping = false;

async function stop(reason: string): Promise<void> {
	// A repeated signal (npm exec passes one on, Playwright signals the group) changes nothing.
	if (stopping) return;
	stopping = true;
	say(`stopping (${reason})`);
	// Apps first, through their graceful path, while the proxy still answers the rest.
	await Promise.all(
		apps.map(
			(app) =>
				new Promise<void>((resolve) => {
					if (app.exited) return resolve();
					const force = setTimeout(() => app.child.kill('SIGKILL'), 15_000);
					app.child.once('exit', () => (clearTimeout(force), resolve()));
					app.child.kill('SIGTERM');
				})
		)
	);
	proxy?.kill('SIGTERM');
	let report: ClusterReport | undefined;
	try {
		const database = postgres(databaseUrl, { max: 1, onnotice: () => {} });
		try {
			report = await analyseCluster(apps, database);
		} finally {
			await database.end();
		}
	} catch (err) {
		say(`could not read what the processes did: ${String(err)}`);
	}
	await s3.close().catch(() => {});
	await admin.unsafe(`drop database if exists ${databaseName} with (force)`).catch(() => {});
	await admin.end();
	if (report) {
		fs.mkdirSync(path.dirname(reportFile), { recursive: true });
		fs.writeFileSync(reportFile, JSON.stringify(report, null, 2) + '\n');
		for (const line of report.summary) say(line);
		for (const problem of report.problems) say(`PROBLEM: ${problem}`);
	}
	process.exit(report && report.problems.length === 0 ? 0 : 1);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
// Whatever ends this process ends the ones it started.
process.on('exit', () => {
	for (const app of apps) if (!app.exited) app.child.kill('SIGKILL');
	proxy?.kill('SIGKILL');
});

try {
	await Promise.all(apps.map((app) => healthy(`http://127.0.0.1:${app.port}/api/health`, 180_000, () => app.exited)));
	const configFile = path.join(workDir, 'haproxy.cfg');
	fs.writeFileSync(configFile, haproxyConfig(apps));
	proxy = spawn('haproxy', ['-f', configFile, '-db'], { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
	proxy.once('exit', (code) => void (!stopping && stop(`haproxy exited with ${code}`)));
	await healthy(`http://127.0.0.1:${port}/api/health`, 30_000, () => proxy!.exitCode !== null);
	say(`haproxy on ${origin} → ${apps.map((a) => `127.0.0.1:${a.port}`).join(', ')} (round-robin)`);
	for (const app of apps) app.child.once('exit', () => void (!stopping && stop('an app process exited')));
} catch (err) {
	say(String(err));
	await stop('the cluster did not start');
}
