// The JavaScript a phone downloads to open the resident repair form, gzipped: `npm run bench:repairs -- --js`.
//
// Builds and starts the app through scripts/start.ts (own build dir, own PGlite dir, demo data) unless
// --base-url names a running server, signs in as the demo resident, opens the page in a fresh browser
// context (empty cache) and adds up every JavaScript response, each gzipped at level 9.
//   --page /app/repairs/new   the page to measure        --base-url http://localhost:3000   use a running server
//   --port 4180 --build-dir build-bench --pglite-dir tmp/bench-pglite   where the own server runs
// Fails when the total exceeds 60 KB (61,440 bytes), the acceptance limit.
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const LIMIT_BYTES = 60 * 1024;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface FormJsOptions {
	page?: string;
	baseUrl?: string;
	port?: string;
	buildDir?: string;
	pgliteDir?: string;
}

async function waitForHealth(origin: string, server: ChildProcess) {
	const deadline = Date.now() + 300_000; // a first build takes a while on 2 cores
	while (Date.now() < deadline) {
		if (server.exitCode !== null) throw new Error(`scripts/start.ts exited with ${server.exitCode}`);
		const ok = await fetch(`${origin}/api/health`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) return;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	throw new Error(`${origin} did not answer within 5 minutes`);
}

export async function measureFormJs(options: FormJsOptions): Promise<boolean> {
	const target = options.page ?? '/app/repairs/new';
	let origin = options.baseUrl?.replace(/\/$/, '');
	let server: ChildProcess | null = null;
	let serverLog = '';
	if (!origin) {
		const port = options.port ?? '4180';
		origin = `http://localhost:${port}`;
		console.log(`Starting Lobby on ${origin} (build and first start can take a minute)…`);
		server = spawn(process.execPath, [path.join(root, 'scripts', 'start.ts')], {
			cwd: root,
			stdio: ['ignore', 'ignore', 'pipe'],
			env: {
				...process.env,
				PORT: port,
				ORIGIN: origin,
				BUILD_DIR: options.buildDir ?? 'build-bench',
				PGLITE_DIR: path.resolve(root, options.pgliteDir ?? 'tmp/bench-pglite'),
				DATABASE_URL: '',
				SMTP_URL: '',
				SEED: 'true'
			}
		});
		// Build warnings are noise here; the tail is shown if the server does not come up.
		server.stderr!.on('data', (chunk: Buffer) => (serverLog = (serverLog + chunk.toString()).slice(-4000)));
	}
	const { chromium } = await import('@playwright/test');
	const { DEMO_PASSWORD } = await import('../src/lib/server/seed/demo-data.ts');
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu']
	});
	try {
		if (server)
			await waitForHealth(origin, server).catch((error: unknown) =>
				Promise.reject(new Error(`${error instanceof Error ? error.message : String(error)}\n${serverLog}`))
			);
		const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, baseURL: origin };
		// Sign in once, then measure in a second context with the session cookie and an empty cache.
		const login = await browser.newContext(phone);
		const loginPage = await login.newPage();
		await loginPage.goto('/login');
		await loginPage.locator('input[name="email"]').fill('resident@lobby.test');
		await loginPage.locator('input[name="password"]').fill(DEMO_PASSWORD);
		await Promise.all([
			loginPage.waitForURL((url) => !url.pathname.startsWith('/login')),
			loginPage.locator('form:has(input[name="password"]) button[type="submit"]').click()
		]);
		const storageState = await login.storageState();
		await login.close();

		const context = await browser.newContext({ ...phone, storageState });
		const page = await context.newPage();
		const scripts = new Map<string, Promise<{ raw: number; gzip: number; wire: number }>>();
		page.on('response', (response) => {
			const type = response.headers()['content-type'] ?? '';
			const url = response.url();
			if (scripts.has(url) || !(/javascript/.test(type) || /\.m?js(\?|$)/.test(new URL(url).pathname))) return;
			scripts.set(
				url,
				(async () => {
					const body = await response.body();
					const sizes = await response.request().sizes();
					return { raw: body.byteLength, gzip: gzipSync(body, { level: 9 }).byteLength, wire: sizes.responseBodySize };
				})()
			);
		});
		const response = await page.goto(target, { waitUntil: 'networkidle' });
		if (!response?.ok() || !page.url().endsWith(target)) {
			console.error(`FAIL: ${target} answered ${response?.status()} at ${page.url()}`);
			return false;
		}
		const rows = await Promise.all([...scripts].map(async ([url, sizes]) => ({ file: new URL(url).pathname, ...(await sizes) })));
		rows.sort((a, b) => b.gzip - a.gzip);
		const total = rows.reduce((sum, row) => ({ raw: sum.raw + row.raw, gzip: sum.gzip + row.gzip, wire: sum.wire + row.wire }), {
			raw: 0,
			gzip: 0,
			wire: 0
		});
		const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`.padStart(9);
		console.log(`\nJavaScript loaded by ${target} (signed in as resident@lobby.test, 390x844, empty cache):`);
		console.log(`${'raw'.padStart(9)} ${'gzip -9'.padStart(9)} ${'on wire'.padStart(9)}  file`);
		for (const row of rows) console.log(`${kb(row.raw)} ${kb(row.gzip)} ${kb(row.wire)}  ${row.file}`);
		console.log(`${kb(total.raw)} ${kb(total.gzip)} ${kb(total.wire)}  total, ${rows.length} files`);
		await context.close();
		if (total.gzip > LIMIT_BYTES) {
			console.error(`FAIL: ${total.gzip} gzipped bytes > ${LIMIT_BYTES}`);
			return false;
		}
		console.log(`OK: ${total.gzip} gzipped bytes ≤ ${LIMIT_BYTES} (60 KB)`);
		return true;
	} finally {
		await browser.close();
		if (server && server.exitCode === null) {
			server.kill('SIGTERM');
			await once(server, 'exit');
		}
	}
}
