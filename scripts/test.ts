// npm test — every test, packed onto the two cores (each step's time is printed as it ends):
//   after the Paraglide compile and svelte-kit sync, at once:
//   - vitest run        (unit tests, and the integration suite on PGlite and on PostgreSQL), at a
//                       lower CPU priority: it fills whatever the other steps leave idle
//   - npm run lint      (Prettier, knip, ESLint with types), at the same lower priority
//   - npm run check     (svelte-check: types and Svelte), then the journeys' build, then
//     playwright test   (journeys in Chromium against the built server — where PostgreSQL runs,
//                       two processes behind haproxy: scripts/cluster.ts, checked as "cluster")
//   then the journeys' timing checks (@alone) on their own, with nothing else running.
// The journeys are the longest chain, so they get the CPU first; a failed lint or type check stops
// the rest at once. Ends with "tests: N passed, M failed" and a non-zero exit code on any failure.
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ClusterReport } from './cluster-report.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const began = performance.now();
const reports = path.join(root, 'tmp', 'reports');
fs.mkdirSync(reports, { recursive: true });

interface Step {
	name: string;
	passed: number;
	failed: number;
	skipped: number;
	seconds: number;
	note: string;
}
const steps: Step[] = [];
// Steps that pass or fail as a whole, without counts of their own.
const wholeSteps = new Set(['prepare', 'lint', 'check']);

function run(label: string, command: string, args: string[]): { ok: boolean; seconds: number } {
	const started = performance.now();
	console.log(`\n▶ ${label}`);
	const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
	if (result.error) console.error(result.error.message);
	return { ok: result.status === 0, seconds: (performance.now() - started) / 1000 };
}

/** `npm run <script>`: npm_execpath is the npm that started us; spawn it with this Node. */
function runNpm(script: string): { ok: boolean; seconds: number } {
	const npm = process.env.npm_execpath;
	const label = `npm run ${script}`;
	return npm ? run(label, process.execPath, [npm, 'run', script]) : run(label, 'npm', ['run', script]);
}

/**
 * `npm run <script>` with its output collected and printed in one piece when it ends (with its
 * time), so that two can run at once.
 */
function runNpmQuietly(script: string, options: RunOptions = {}): Promise<{ ok: boolean; seconds: number }> {
	const npm = process.env.npm_execpath;
	const [command, args] = npm ? [process.execPath, [npm, 'run', script]] : ['npm', ['run', script]];
	return runQuietly(`npm run ${script}`, command, args, process.env, options);
}

interface RunOptions {
	/** A lower CPU priority (os.setPriority: 0 normal … 19 lowest), inherited by the processes it starts. */
	nice?: number;
	/** Stops the command (SIGTERM) when aborted. */
	signal?: AbortSignal;
}

/** Starts a command with the options' priority and abort signal. */
function start(command: string, args: string[], env: NodeJS.ProcessEnv, stdio: 'pipe' | 'inherit', options: RunOptions) {
	const child = spawn(command, args, { env, stdio: ['ignore', stdio, stdio], signal: options.signal, killSignal: 'SIGTERM' });
	// Set before the command has started its workers (vitest's forks, ESLint's), which inherit it.
	if (options.nice && child.pid) os.setPriority(child.pid, options.nice);
	return child;
}

/** A command with its output held back and printed whole when it ends, with its time. */
function runQuietly(
	label: string,
	command: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	options: RunOptions = {}
): Promise<{ ok: boolean; seconds: number }> {
	const started = performance.now();
	return new Promise((resolve) => {
		const child = start(command, args, env, 'pipe', options);
		const output: Buffer[] = [];
		child.stdout!.on('data', (chunk: Buffer) => output.push(chunk));
		child.stderr!.on('data', (chunk: Buffer) => output.push(chunk));
		let settled = false;
		const done = (ok: boolean) => {
			if (settled) return;
			settled = true;
			const seconds = (performance.now() - started) / 1000;
			const verdict = ok ? 'ok' : options.signal?.aborted ? 'STOPPED' : 'FAILED';
			console.log(`\n▶ ${label} (${seconds.toFixed(1)} s, ${verdict})`);
			process.stdout.write(Buffer.concat(output));
			resolve({ ok, seconds });
		};
		// 'close' follows an 'error' (a command that did not start, or was stopped) — or not.
		child.once('error', (err) => (output.push(Buffer.from(`${err.message}\n`)), setTimeout(() => done(false), 1000)));
		child.once('close', (code) => done(code === 0));
	});
}

interface PlaywrightStats {
	expected: number;
	unexpected: number;
	flaky: number;
	skipped: number;
}

/** A command whose output goes straight to ours, without blocking (another runs beside it). */
function runStreaming(
	label: string,
	command: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	options: RunOptions = {}
): Promise<{ ok: boolean; seconds: number }> {
	const started = performance.now();
	console.log(`\n▶ ${label}`);
	return new Promise((resolve) => {
		const child = start(command, args, env, 'inherit', options);
		let settled = false;
		const done = (ok: boolean) => {
			if (settled) return;
			settled = true;
			const seconds = (performance.now() - started) / 1000;
			console.log(`\n◀ ${label} (${seconds.toFixed(1)} s, ${ok ? 'ok' : options.signal?.aborted ? 'STOPPED' : 'FAILED'})`);
			resolve({ ok, seconds });
		};
		child.once('error', (err) => (console.error(err.message), setTimeout(() => done(false), 1000)));
		child.once('close', (code) => done(code === 0));
	});
}

function readJson<T>(file: string): T | null {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
	} catch {
		return null;
	}
}

function postgresAnswers(): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port: 5432, timeout: 1000 });
		socket.once('connect', () => (socket.destroy(), resolve(true)));
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => (socket.destroy(), resolve(false)));
	});
}

function finish(): never {
	const passed = steps.reduce((sum, s) => sum + s.passed, 0);
	const failed = steps.reduce((sum, s) => sum + s.failed, 0);
	console.log('\n── lobby tests ─────────────────────────────────────────────');
	for (const s of steps) {
		const verdict = s.failed ? 'FAILED' : s.skipped ? 'skipped' : 'ok';
		const counts = wholeSteps.has(s.name) ? verdict : `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`;
		console.log(`  ${s.name.padEnd(11)} ${counts}${s.note ? ` — ${s.note}` : ''} (${s.seconds.toFixed(1)} s)`);
	}
	console.log(`tests: ${passed} passed, ${failed} failed, in ${((performance.now() - began) / 60_000).toFixed(1)} min`);
	process.exit(failed > 0 ? 1 : 0);
}

// Generated code first (messages, SvelteKit's types), once: every step reads it.
if (!(
	runNpm('i18n').ok &&
	run('svelte-kit sync', process.execPath, [path.join(root, 'node_modules', '@sveltejs', 'kit', 'svelte-kit.js'), 'sync']).ok
)) {
	steps.push({ name: 'prepare', passed: 0, failed: 1, skipped: 0, seconds: 0, note: 'npm run i18n or svelte-kit sync failed' });
	finish();
}

const databases = process.env.TEST_DATABASE_URL
	? 'PGlite and PostgreSQL (TEST_DATABASE_URL)'
	: (await postgresAnswers())
		? 'PGlite and PostgreSQL (127.0.0.1:5432)'
		: 'PGlite only — PostgreSQL is not reachable at 127.0.0.1:5432 and TEST_DATABASE_URL is unset';
console.log(`\nIntegration tests run on ${databases}.`);
// Where PostgreSQL runs, the journeys go through haproxy to two app processes sharing one database
// and one bucket (scripts/cluster.ts), whose report says what each served and ran. The timing
// checks measure one process alone.
const clusterFile = path.join(reports, 'cluster.json');
fs.rmSync(clusterFile, { force: true });
const haproxy = spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;
const cluster = databases.startsWith('PGlite and PostgreSQL') && haproxy;
if (!haproxy) console.log('haproxy is not installed: the journeys run against one process on PGlite.');

// A failed lint or type check stops everything still running: nothing after it can land anyway.
const stop = new AbortController();
const gate = (result: { ok: boolean; seconds: number }) => (result.ok || stop.abort(), result);
// Below the journeys' priority: they are the longest chain and wait on the CPU, these fill the rest.
const background: RunOptions = { nice: 10, signal: stop.signal };

const vitestFile = path.join(reports, 'vitest.json');
fs.rmSync(vitestFile, { force: true });
const vitest = runQuietly(
	'vitest run',
	process.execPath,
	[
		path.join(root, 'node_modules', 'vitest', 'vitest.mjs'),
		'run',
		'--reporter=default',
		'--reporter=json',
		`--outputFile.json=${vitestFile}`
	],
	process.env,
	background
);
const lint = runNpmQuietly('lint:tree', background).then(gate);

const playwright = (phase: 'shared' | 'alone') => {
	const file = path.join(reports, `playwright-${phase}.json`);
	fs.rmSync(file, { force: true });
	const clusterEnv = cluster && phase === 'shared' ? { E2E_CLUSTER: '1', CLUSTER_REPORT: clusterFile } : {};
	return runStreaming(
		`playwright test (${phase === 'alone' ? 'timing checks, alone' : 'journeys'})`,
		process.execPath,
		[path.join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test'],
		{ ...process.env, E2E_PHASE: phase, E2E_JSON: file, ...clusterEnv },
		{ signal: stop.signal }
	).then((result) => ({ ...result, file }));
};
// The journeys' server is built once the type check is done: the build the Playwright step would
// otherwise make first (playwright.config.ts: the same BUILD_DIR and ORIGIN, so scripts/start.ts
// finds it current). A failed build is the Playwright step's to report.
const buildForJourneys = () =>
	runQuietly(
		'build for the journeys',
		process.execPath,
		[path.join(root, 'scripts', 'start.ts'), '--build-only'],
		{
			...process.env,
			BUILD_DIR: 'build-e2e',
			ORIGIN: `http://localhost:${process.env.E2E_PORT ?? 4173}`,
			PORT: process.env.E2E_PORT ?? '4173',
			DATABASE_URL: ''
		},
		{ signal: stop.signal }
	);
const check = runNpmQuietly('check:types', { signal: stop.signal }).then(gate);
const journeys = check.then(async (result) => {
	if (!result.ok || stop.signal.aborted) return null;
	await buildForJourneys();
	return stop.signal.aborted ? null : playwright('shared');
});

const [lintResult, checkResult, unit, shared] = await Promise.all([lint, check, vitest, journeys]);
for (const [name, result] of [
	['lint', lintResult],
	['check', checkResult]
] as const) {
	steps.push({
		name,
		passed: 0,
		failed: result.ok ? 0 : 1,
		skipped: 0,
		seconds: result.seconds,
		note: result.ok ? '' : `npm run ${name} failed`
	});
}
if (stop.signal.aborted) {
	console.log('\nA lint or type check failed: the other steps were stopped.');
	finish();
}

const alone = await playwright('alone');

const report = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(vitestFile);
const failed = report?.numFailedTests ?? 0;
steps.push({
	name: 'vitest',
	passed: report?.numPassedTests ?? 0,
	// A file that fails to load fails the run without failing a test: count it.
	failed: unit.ok ? failed : Math.max(failed, 1),
	skipped: (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0),
	seconds: unit.seconds,
	note: `databases: ${databases.split(' —')[0]}`
});
for (const [name, run] of [
	['playwright', shared],
	['timing', alone]
] as const) {
	const stats = (run && readJson<{ stats: PlaywrightStats }>(run.file)?.stats) ?? { expected: 0, unexpected: 0, flaky: 0, skipped: 0 };
	steps.push({
		name,
		passed: stats.expected + stats.flaky,
		failed: run?.ok ? stats.unexpected : Math.max(stats.unexpected, 1),
		skipped: stats.skipped,
		seconds: run?.seconds ?? 0,
		note: stats.flaky
			? `${stats.flaky} flaky (passed on retry)`
			: name === 'timing'
				? 'Chromium, alone'
				: `Chromium, beside vitest${cluster ? ', through haproxy to 2 processes' : ''}`
	});
}
if (cluster) {
	// Each check of the two processes counts as a test.
	const report = readJson<ClusterReport>(clusterFile);
	if (report) for (const line of report.summary) console.log(`cluster: ${line}`);
	steps.push({
		name: 'cluster',
		passed: report?.checks.filter((c) => c.passed).length ?? 0,
		failed: report ? report.checks.filter((c) => !c.passed).length : 1,
		skipped: 0,
		seconds: shared?.seconds ?? 0,
		note: report
			? report.problems.join('; ') || '2 processes behind haproxy: both served, both ran jobs, each job once'
			: 'no report from scripts/cluster.ts'
	});
}

finish();
