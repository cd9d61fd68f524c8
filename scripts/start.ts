// npm start — one command from a fresh clone to a running portal:
//   1. build when build/ is missing, older than the sources, or built for another ORIGIN;
//   2. migrate the database; load the demo data into an empty embedded database (or with
//      SEED=demo), else say how to create the first admin;
//   3. serve the build in this process.
// Every setting is read and checked by src/lib/server/config.ts (see .env.example); a wrong one
// stops here with a message naming it. BUILD_DIR is npm start's own.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Server } from 'node:http';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
// Settings may live in .env (see .env.example); the real environment wins.
if (fs.existsSync('.env')) process.loadEnvFile('.env');

const port = (process.env.PORT ||= '3000');
// The origin is compiled into the build (CSRF check of form posts), so it is decided here.
const origin = (process.env.ORIGIN ||= `http://localhost:${port}`).replace(/\/$/, '');
process.env.ORIGIN = origin;

const { configOrExit } = await import('../src/lib/server/config.ts');
const settings = configOrExit();
const buildDir = path.resolve(process.env.BUILD_DIR || 'build');
const stampFile = path.join(buildDir, '.stamp');
if (path.relative(root, buildDir).startsWith('..')) {
	// The server bundle imports its runtime libraries (PGlite, postgres, drizzle) from node_modules.
	console.error(`BUILD_DIR must be inside ${root} so that the server finds node_modules (got ${buildDir}).`);
	process.exit(1);
}

interface Stamp {
	origin: string;
	/** A fingerprint of the sources the build was made from. */
	sources: string;
}

// What the build is made from. project.inlang holds caches the message compiler writes at every
// build, so only its settings count; generated and installed folders never do.
const sources = [
	'src',
	'messages',
	'drizzle',
	'static',
	path.join('project.inlang', 'settings.json'),
	'vite.config.ts',
	'package.json',
	'package-lock.json'
];
const ignored = [path.join('src', 'lib', 'paraglide'), 'node_modules', '.svelte-kit'];

/**
 * The sources' paths and contents hashed: unlike modification times, it changes only when a source
 * does (a compiler touching a cache, or a test writing a file beside, rebuilds nothing) and it
 * notices a deleted file. About 50 ms for the whole tree.
 */
function sourcesFingerprint(): string {
	const hash = createHash('sha256');
	const walk = (entry: string) => {
		if (ignored.some((skip) => entry === skip || entry.startsWith(skip + path.sep)) || /\.test\.ts$/.test(entry)) return;
		let stat: fs.Stats;
		try {
			stat = fs.statSync(entry);
		} catch {
			return;
		}
		if (stat.isDirectory()) {
			for (const name of fs.readdirSync(entry).sort()) walk(path.join(entry, name));
		} else {
			hash.update(entry).update('\0').update(fs.readFileSync(entry)).update('\0');
		}
	};
	for (const source of sources) walk(source);
	return hash.digest('hex');
}

function whyBuild(fingerprint: string): string | null {
	if (!fs.existsSync(path.join(buildDir, 'index.js'))) return `no build in ${path.relative(root, buildDir) || buildDir} yet`;
	let stamp: Stamp;
	try {
		stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8')) as Stamp;
	} catch {
		return 'the build has no stamp';
	}
	if (stamp.origin !== origin) return `it was built for ORIGIN=${stamp.origin}`;
	if (stamp.sources !== fingerprint) return 'the sources changed since the last build';
	return null;
}

const fingerprint = sourcesFingerprint();
const reason = whyBuild(fingerprint);
if (reason) {
	console.log(`Building Lobby for ${origin} (${reason})…`);
	// The vite bin with this very Node: a bare `vite` could resolve to the machine's older Node.
	const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
		stdio: 'inherit',
		env: { ...process.env, ORIGIN: origin, BUILD_DIR: buildDir }
	});
	if (result.status !== 0) {
		console.error('The build failed; see the messages above.');
		process.exit(result.status ?? 1);
	}
	fs.writeFileSync(stampFile, JSON.stringify({ origin, sources: fingerprint } satisfies Stamp) + '\n');
}
// `--build-only`: npm test builds the journeys' server while the linter still runs (scripts/test.ts).
if (process.argv.includes('--build-only')) process.exit(0);

// adapter-node's body limit applies to every route alike: it is set to the largest upload (the
// table in boot/upload-routes.ts) and the request guard holds every other route to 1 MB.
{
	const { resumableRoutes, uploadRoutes } = await import('../src/lib/server/boot/upload-routes.ts');
	const { largestBody } = await import('../src/lib/server/forms/request-guard.ts');
	process.env.BODY_SIZE_LIMIT = String(largestBody(uploadRoutes, resumableRoutes));
}

// Migrate and seed here, then close: PGlite admits one connection per data directory, and the
// server below opens its own. Demo accounts share a published password, so they go only into
// the embedded database (or where SEED=demo asks for them).
let needsAdmin: boolean;
{
	const { openDatabase, closeDatabase, pgliteDataDir } = await import('../src/lib/server/db/client.ts');
	const { migrate } = await import('../src/lib/server/db/migrate.ts');
	const { seedDemo, describeSeed } = await import('../src/lib/server/seed/demo.ts');
	const { hasAdmin } = await import('../src/lib/server/boot/first-admin.ts');
	const database = await openDatabase();
	try {
		console.log(database.kind === 'pglite' ? `Database: PGlite in ${pgliteDataDir()}` : 'Database: PostgreSQL (DATABASE_URL)');
		await migrate(database);
		console.log(describeSeed(await seedDemo(database)));
		needsAdmin = !(await hasAdmin(database.db));
	} finally {
		await closeDatabase();
	}
}

// Static files are answered before SvelteKit's hook runs: their headers are added to the server
// (loaded first, so that nothing yields between the server starting to listen and this).
const { addTransportHeaders } = await import('../src/lib/server/security-headers.ts');
const { compressResponses } = await import('../src/lib/server/response-compression.ts');
const { cacheStaticFiles } = await import('../src/lib/server/static-cache.ts');
const { lingerAfterRefusal } = await import('../src/lib/server/refused-bodies.ts');
const { server } = (await import(pathToFileURL(path.join(buildDir, 'index.js')).href)) as { server: Server };
addTransportHeaders(server, origin);
lingerAfterRefusal(server);
compressResponses(server);
cacheStaticFiles(server, path.join(buildDir, 'client'));
const listening = await (server.listening ? Promise.resolve() : once(server, 'listening')).then(
	() => true,
	(err: NodeJS.ErrnoException) => {
		console.error(err.code === 'EADDRINUSE' ? `Port ${port} is in use: stop the other server or set PORT (and ORIGIN).` : String(err));
		// The server has already opened the database: let it close (and drop the PGlite lock).
		process.exitCode = 1;
		process.emit('sveltekit:shutdown' as never);
		setTimeout(() => process.exit(1), 5000).unref();
		return false;
	}
);

/**
 * Beside the demo data, the demo estate's web site (scripts/widget-host.ts) on a second origin,
 * embedding the widget as a company's site would: the demo data let http://localhost:5174 (and
 * :4179, the journeys' port) frame it. It stops with this process. Returns its port.
 */
function startWidgetHost(): string {
	const hostPort = process.env.WIDGET_HOST_PORT || '5174';
	const child = spawn(process.execPath, ['scripts/widget-host.ts'], {
		env: { ...process.env, WIDGET_HOST_PORT: hostPort, WIDGET_APP_ORIGIN: origin },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	// It must not keep this process alive once the server has drained: stopped with it instead.
	child.unref();
	process.on('exit', () => child.kill());
	return hostPort;
}

if (listening) {
	const { DEMO_PASSWORD } = await import('../src/lib/server/seed/demo-data.ts');
	const originUrl = new URL(origin);
	const originPort = originUrl.port || (originUrl.protocol === 'https:' ? '443' : '80');
	if (['localhost', '127.0.0.1'].includes(originUrl.hostname) && originPort !== port) {
		console.warn(
			`Note: ORIGIN ${origin} names another port than PORT=${port}: form posts will be refused unless a proxy serves that origin.`
		);
	}
	const lines = ['', `Lobby is running on ${origin}`];
	if (needsAdmin) {
		lines.push(
			'  There is no admin account yet. Create the first one (its password is generated and shown once):',
			'    npm run create-admin -- --email you@example.com --name "Your Name" --company "Your Company"'
		);
	} else if (settings.seedDemo) {
		lines.push(
			`  Demo logins (password ${DEMO_PASSWORD}): resident@lobby.test, admin@lobby.test, service@lobby.test,`,
			'  admin@acme.test … — the full list is in README.md.'
		);
		// WIDGET_HOST_PORT=off: another process serves it (scripts/cluster.ts runs two of these).
		if (process.env.WIDGET_HOST_PORT !== 'off')
			lines.push(`  The demo estate's own web site, with the widget embedded: http://localhost:${startWidgetHost()}/`);
	}
	lines.push('  Stop with Ctrl-C.', '');
	console.log(lines.join('\n'));
}

// adapter-node shuts down gracefully on the first signal (closing the database and its lock);
// a second one means "now".
let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		if (++signals > 1) process.exit(130);
	});
}
