// npm test — every test, in the order that fails fastest:
//   0. npm run lint      (Prettier, knip, ESLint with types)  } side by side, after the Paraglide
//   1. npm run check     (svelte-check: types and Svelte)     } compile and svelte-kit sync (Prettier
//                                                               after the check and the build)
//   2. vitest run        (unit tests, and the integration suite on PGlite and on PostgreSQL)  } side
//   3. playwright test   (journeys in Chromium against the built server — where PostgreSQL runs,  } by side,
//                        two processes behind haproxy: scripts/cluster.ts, checked as "cluster")
//      then the journeys' timing checks (@alone) on their own
// The machine is CPU-bound throughout: side by side they take as long as one after the other, and a
// third step beside them (tried: vitest niced from the start) made the whole run a minute longer.
// Ends with "tests: N passed, M failed" and a non-zero exit code on any failure.
import fs from 'node:fs';
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
const wholeSteps = new Set(['lint', 'check']);

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
function runNpmQuietly(script: string): Promise<{ ok: boolean; seconds: number }> {
	const npm = process.env.npm_execpath;
	const [command, args] = npm ? [process.execPath, [npm, 'run', script]] : ['npm', ['run', script]];
	return runQuietly(`npm run ${script}`, command, args, process.env);
}

/** A command with its output held back and printed whole when it ends, with its time. */
function runQuietly(label: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ ok: boolean; seconds: number }> {
	const started = performance.now();
	return new Promise((resolve) => {
		const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		const output: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
		const done = (ok: boolean) => {
			const seconds = (performance.now() - started) / 1000;
			console.log(`\n▶ ${label} (${seconds.toFixed(1)} s, ${ok ? 'ok' : 'FAILED'})`);
			process.stdout.write(Buffer.concat(output));
			resolve({ ok, seconds });
		};
		child.once('error', (err) => (output.push(Buffer.from(`${err.message}\n`)), done(false)));
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
function runStreaming(label: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ ok: boolean; seconds: number }> {
	const started = performance.now();
	console.log(`\n▶ ${label}`);
	return new Promise((resolve) => {
		const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
		const done = (ok: boolean) => {
			const seconds = (performance.now() - started) / 1000;
			console.log(`\n◀ ${label} (${seconds.toFixed(1)} s, ${ok ? 'ok' : 'FAILED'})`);
			resolve({ ok, seconds });
		};
		child.once('error', (err) => (console.error(err.message), done(false)));
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

// 0 and 1 at once: both only read the tree, and together they keep the second core busy. Each
// one's output is held back and printed whole when it ends, so the two do not interleave.
{
	// Generated code first (messages, SvelteKit's types), once: both read it.
	const prepared =
		runNpm('i18n').ok &&
		run('svelte-kit sync', process.execPath, [path.join(root, 'node_modules', '@sveltejs', 'kit', 'svelte-kit.js'), 'sync']).ok;
	// The journeys' server is built once the type check is done, while the linter still runs: the
	// build the Playwright step would otherwise make first (playwright.config.ts: the same BUILD_DIR
	// and ORIGIN, so scripts/start.ts finds it current). A failed build is the Playwright step's to report.
	const buildForJourneys = () =>
		runQuietly('build for the journeys', process.execPath, [path.join(root, 'scripts', 'start.ts'), '--build-only'], {
			...process.env,
			BUILD_DIR: 'build-e2e',
			ORIGIN: `http://localhost:${process.env.E2E_PORT ?? 4173}`,
			PORT: process.env.E2E_PORT ?? '4173',
			DATABASE_URL: ''
		});
	// Then, beside the end of the lint (which keeps only about one core busy), the migrated PGlite
	// snapshot that vitest's global set-up would otherwise make first (~25 s on one core; a fresh
	// clone has none): tests/global-db.ts finds it in place. If this fails, vitest makes it.
	const pgliteTemplate = () =>
		runQuietly(
			'PGlite template for vitest',
			process.execPath,
			[
				'--input-type=module',
				'-e',
				`import { pgliteSnapshot } from ${JSON.stringify(path.join(root, 'tests', 'test-database.ts'))};
				console.log(await pgliteSnapshot(${JSON.stringify(path.join(root, 'tmp', 'test-templates'))}));
				process.exit(0);`
			],
			{ ...process.env, LOG_LEVEL: 'warn' }
		);
	// knip and ESLint on one side; on the other the type check, then the build and the template
	// beside Prettier. With Prettier before ESLint the lint ended 25–35 s after the other side; with
	// Prettier after the build, the other side ended 13 s after the lint.
	const [code, [check, format]] = prepared
		? await Promise.all([
				runNpmQuietly('lint:code'),
				runNpmQuietly('check:types').then(async (result) => {
					const [, formatted] = await Promise.all([
						result.ok ? buildForJourneys().then(pgliteTemplate) : null,
						runNpmQuietly('lint:format')
					]);
					return [result, formatted] as const;
				})
			])
		: [
				{ ok: false, seconds: 0 },
				[
					{ ok: false, seconds: 0 },
					{ ok: false, seconds: 0 }
				] as const
			];
	const lint = { ok: code.ok && format.ok, seconds: code.seconds + format.seconds };
	for (const [name, result] of [
		['lint', lint],
		['check', check]
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
	if (!lint.ok || !check.ok) finish();
}

// 2 and 3 at once: vitest's output is held back and printed whole when it ends; the journeys print
// as they go. The timing checks (@alone) run after both, with nothing else loading the machine.
{
	const databases = process.env.TEST_DATABASE_URL
		? 'PGlite and PostgreSQL (TEST_DATABASE_URL)'
		: (await postgresAnswers())
			? 'PGlite and PostgreSQL (127.0.0.1:5432)'
			: 'PGlite only — PostgreSQL is not reachable at 127.0.0.1:5432 and TEST_DATABASE_URL is unset';
	console.log(`\nIntegration tests run on ${databases}.`);
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
		process.env
	);
	// Where PostgreSQL runs, the journeys go through haproxy to two app processes sharing one
	// database and one bucket (scripts/cluster.ts), whose report says what each served and ran. The
	// timing checks measure one process alone.
	const clusterFile = path.join(reports, 'cluster.json');
	fs.rmSync(clusterFile, { force: true });
	const haproxy = spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;
	const cluster = databases.startsWith('PGlite and PostgreSQL') && haproxy;
	if (!haproxy) console.log('haproxy is not installed: the journeys run against one process on PGlite.');
	const playwright = (phase: 'shared' | 'alone') => {
		const file = path.join(reports, `playwright-${phase}.json`);
		fs.rmSync(file, { force: true });
		const clusterEnv = cluster && phase === 'shared' ? { E2E_CLUSTER: '1', CLUSTER_REPORT: clusterFile } : {};
		return runStreaming(
			`playwright test (${phase === 'alone' ? 'timing checks, alone' : 'journeys'})`,
			process.execPath,
			[path.join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test'],
			{
				...process.env,
				E2E_PHASE: phase,
				E2E_JSON: file,
				...clusterEnv
			}
		).then((result) => ({ ...result, file }));
	};
	const [unit, journeys] = await Promise.all([vitest, playwright('shared')]);
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
		['playwright', journeys],
		['timing', alone]
	] as const) {
		const stats = readJson<{ stats: PlaywrightStats }>(run.file)?.stats ?? { expected: 0, unexpected: 0, flaky: 0, skipped: 0 };
		steps.push({
			name,
			passed: stats.expected + stats.flaky,
			failed: run.ok ? stats.unexpected : Math.max(stats.unexpected, 1),
			skipped: stats.skipped,
			seconds: run.seconds,
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
			seconds: journeys.seconds,
			note: report
				? report.problems.join('; ') || '2 processes behind haproxy: both served, both ran jobs, each job once'
				: 'no report from scripts/cluster.ts'
		});
	}
}

finish();
