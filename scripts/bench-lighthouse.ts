// Lighthouse on a cheap phone: `npm run bench:lighthouse` (issue 9, "Fast on a cheap phone").
//
// Builds and starts the app through scripts/start.ts (its own build dir and a fresh embedded
// database with the demo data) unless --base-url names a running server, signs in as the demo
// resident, and runs Lighthouse's performance category on six resident pages with its default
// mobile settings: a Moto G Power screen (412×823), Lantern's simulated Slow 4G (150 ms RTT,
// 1.6 Mbit/s down) and a 4× slower CPU. The pages are run round by round (every page once, then
// again), so that a busy moment of the machine spreads over pages instead of hitting one page's
// every run; each page's median is printed.
//   --runs 3                  runs per page            --base-url http://localhost:3000   use a running server
//   --port 4450 --build-dir build-lighthouse --pglite-dir tmp/lighthouse-pglite   where the own server runs
//   --only /app/bills         run only the pages whose path starts with this (repeatable)
// Every report is written to tmp/lighthouse/<page>-<run>.json (open it in the Lighthouse viewer).
// Fails when a page's median LCP is over 1.5 s or a run's CLS is over 0 (the goal of issue 9).
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const LCP_LIMIT_MS = 1500;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values: args } = parseArgs({
	options: {
		runs: { type: 'string', default: '3' },
		'base-url': { type: 'string' },
		port: { type: 'string', default: '4450' },
		'build-dir': { type: 'string', default: 'build-lighthouse' },
		'pglite-dir': { type: 'string', default: 'tmp/lighthouse-pglite' },
		only: { type: 'string', multiple: true }
	}
});
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number (got ${args.runs})`);
const reportDir = path.join(root, 'tmp', 'lighthouse');

interface Page {
	name: string;
	/** The path, or how to find it from the signed-in resident's pages. */
	path: string | ((get: (pathname: string) => Promise<string>) => Promise<string>);
	signedIn: boolean;
}

/** The first link on `from` whose path matches, e.g. the resident's own unit or repair. */
const firstLink = (from: string, pattern: RegExp) => async (get: (pathname: string) => Promise<string>) => {
	const html = await get(from);
	const found = [...html.matchAll(/href="([^"#?]+)/g)].map((match) => match[1]!).find((href) => pattern.test(href));
	if (!found) throw new Error(`No link matching ${pattern} on ${from}: has the demo data changed?`);
	return found;
};

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const allPages: Page[] = [
	{ name: 'login', path: '/login', signedIn: false },
	{ name: 'home', path: '/app', signedIn: true },
	{ name: 'new repair', path: '/app/repairs/new', signedIn: true },
	{ name: 'bills', path: '/app/bills', signedIn: true },
	{ name: 'repair detail', path: firstLink('/app/repairs', new RegExp(`^/app/repairs/${uuid}$`)), signedIn: true },
	{ name: 'unit', path: firstLink('/app', new RegExp(`^/app/units/${uuid}$`)), signedIn: true }
];
const RESIDENT = 'resident@lobby.test';

async function waitForHealth(origin: string, server: ChildProcess, log: () => string) {
	const deadline = Date.now() + 300_000; // a first build takes a few minutes on 2 busy cores
	while (Date.now() < deadline) {
		if (server.exitCode !== null) throw new Error(`scripts/start.ts exited with ${server.exitCode}\n${log()}`);
		const ok = await fetch(`${origin}/api/health`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) return;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	throw new Error(`${origin} did not answer within 5 minutes\n${log()}`);
}

/** Signs in through the login form's plain post (as a browser without JavaScript) and returns the cookies it set. */
async function signIn(origin: string, email: string, password: string): Promise<Map<string, string>> {
	const response = await fetch(`${origin}/login`, {
		method: 'POST',
		body: new URLSearchParams({ email, password }),
		// Origin: SvelteKit's CSRF check; Accept: a page answer (a redirect), not the JSON of an enhanced form.
		headers: { origin, accept: 'text/html' },
		redirect: 'manual'
	});
	const cookies = new Map<string, string>();
	for (const line of response.headers.getSetCookie()) {
		const [pair = ''] = line.split(';');
		const at = pair.indexOf('=');
		if (at > 0) cookies.set(pair.slice(0, at), pair.slice(at + 1));
	}
	if (response.status !== 303 || !cookies.has('lobby_session')) {
		throw new Error(`Signing in as ${email} answered ${response.status} without a session cookie`);
	}
	return cookies;
}

/** A minimal Chrome DevTools Protocol client on the browser's own target (Node's global WebSocket). */
async function browserSession(port: number) {
	const version = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as {
		webSocketDebuggerUrl: string;
		Browser: string;
	};
	const socket = new WebSocket(version.webSocketDebuggerUrl);
	await new Promise((resolve, reject) => {
		socket.addEventListener('open', resolve, { once: true });
		socket.addEventListener('error', reject, { once: true });
	});
	let lastId = 0;
	const send = (method: string, params: object = {}) =>
		new Promise<unknown>((resolve, reject) => {
			const id = ++lastId;
			const onMessage = (event: MessageEvent) => {
				const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
				if (message.id !== id) return;
				socket.removeEventListener('message', onMessage);
				if (message.error) reject(new Error(`${method}: ${message.error.message}`));
				else resolve(message.result);
			};
			socket.addEventListener('message', onMessage);
			socket.send(JSON.stringify({ id, method, params }));
		});
	return { browser: version.Browser, send, close: () => socket.close() };
}

interface Run {
	lcp: number;
	tbt: number;
	cls: number;
	bytes: number;
	jsBytes: number;
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

let origin = args['base-url']?.replace(/\/$/, '');
let server: ChildProcess | null = null;
let serverLog = '';
if (!origin) {
	origin = `http://localhost:${args.port}`;
	const pgliteDir = path.resolve(root, args['pglite-dir']);
	// A fresh database each time, so that every run sees the same demo data.
	fs.rmSync(pgliteDir, { recursive: true, force: true });
	console.log(`Starting Lobby on ${origin} (a build and the demo data can take a few minutes)…`);
	server = spawn(process.execPath, [path.join(root, 'scripts', 'start.ts')], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'pipe'],
		env: {
			...process.env,
			PORT: args.port,
			ORIGIN: origin,
			BUILD_DIR: args['build-dir'],
			PGLITE_DIR: pgliteDir,
			DATABASE_URL: '',
			SMTP_URL: '',
			SEED: 'true'
		}
	});
	server.stderr!.on('data', (chunk: Buffer) => (serverLog = (serverLog + chunk.toString()).slice(-4000)));
}

let chrome: chromeLauncher.LaunchedChrome | null = null;
let failed = false;
try {
	if (server) await waitForHealth(origin, server, () => serverLog);
	const { DEMO_PASSWORD } = await import('../src/lib/server/seed/demo-data.ts');
	const cookies = await signIn(origin, RESIDENT, DEMO_PASSWORD);
	// The language is fixed (English), whatever the browser's Accept-Language says.
	cookies.set('PARAGLIDE_LOCALE', 'en');
	const cookieHeader = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
	const get = async (pathname: string) => {
		const response = await fetch(origin + pathname, { headers: { cookie: cookieHeader } });
		if (!response.ok) throw new Error(`${pathname} answered ${response.status}`);
		return response.text();
	};
	const pages = await Promise.all(
		allPages.map(async (page) => ({ ...page, url: typeof page.path === 'string' ? page.path : await page.path(get) }))
	);
	const selected = pages.filter((page) => !args.only || args.only.some((prefix) => page.url.startsWith(prefix)));

	chrome = await chromeLauncher.launch({
		chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		// Headless Chromium here (no GPU, no display) often holds a new page's first frame back by
		// about 1 or 2 s after its layout, which a phone does not do; Lantern then counts every request
		// that ended before that late paint as needed for it. Frames unbound from a vsync that is not
		// there paint when the page is ready (the first paint lands right after layout).
		chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-gpu-vsync', '--disable-frame-rate-limit']
	});
	const cdp = await browserSession(chrome.port);
	fs.mkdirSync(reportDir, { recursive: true });
	console.log(`${cdp.browser}, Lighthouse mobile defaults (simulated Slow 4G, 4× CPU), ${runs} run(s) per page, as ${RESIDENT}`);

	const results = new Map<string, Run[]>(selected.map((page) => [page.url, []]));
	for (let run = 1; run <= runs; run++) {
		for (const page of selected) {
			// Lighthouse clears caches and storage but keeps cookies: the browser holds exactly the
			// resident's session (or none, for the login page) and the language.
			await cdp.send('Storage.clearCookies');
			const cookiesNow = [...cookies].filter(([name]) => page.signedIn || name !== 'lobby_session');
			await cdp.send('Storage.setCookies', { cookies: cookiesNow.map(([name, value]) => ({ name, value, url: origin })) });
			const result = await lighthouse(origin + page.url, {
				port: chrome.port,
				onlyCategories: ['performance'],
				output: 'json',
				logLevel: 'error'
			});
			const lhr = result?.lhr;
			if (!lhr) throw new Error(`Lighthouse returned nothing for ${page.url}`);
			fs.writeFileSync(path.join(reportDir, `${page.name.replace(/\W+/g, '-')}-${run}.json`), JSON.stringify(lhr));
			if (lhr.runtimeError) throw new Error(`${page.url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
			if (new URL(lhr.finalDisplayedUrl).pathname !== page.url) {
				throw new Error(`${page.url} ended at ${lhr.finalDisplayedUrl} (signed out?)`);
			}
			const audit = (id: string) => {
				const value = lhr.audits[id]?.numericValue;
				if (value === undefined) throw new Error(`${page.url}: no ${id} (${lhr.audits[id]?.errorMessage ?? 'missing audit'})`);
				return value;
			};
			const requests =
				(lhr.audits['network-requests']?.details as { items?: { resourceType?: string; transferSize?: number }[] } | undefined)?.items ??
				[];
			const measured: Run = {
				lcp: audit('largest-contentful-paint'),
				tbt: audit('total-blocking-time'),
				cls: audit('cumulative-layout-shift'),
				bytes: audit('total-byte-weight'),
				jsBytes: requests.filter((r) => r.resourceType === 'Script').reduce((sum, r) => sum + (r.transferSize ?? 0), 0)
			};
			results.get(page.url)!.push(measured);
			if (measured.cls > 0)
				console.log(`  layout shifts on ${page.url}: ${JSON.stringify(lhr.audits['layout-shifts']?.details ?? null).slice(0, 2000)}`);
			console.log(
				`  run ${run}/${runs} ${page.name.padEnd(14)} LCP ${(measured.lcp / 1000).toFixed(2)} s  TBT ${Math.round(measured.tbt)} ms  CLS ${measured.cls.toFixed(3)}`
			);
		}
	}
	cdp.close();

	const header = `${'page'.padEnd(14)} ${'path'.padEnd(52)} ${'LCP s'.padStart(6)} ${'TBT ms'.padStart(7)} ${'CLS'.padStart(6)} ${'bytes KB'.padStart(9)} ${'JS KB'.padStart(6)}  LCP of each run`;
	const lines = [`\nMedians of ${runs} run(s) (transferred bytes; LCP limit ${LCP_LIMIT_MS / 1000} s, CLS 0):`, header];
	for (const page of selected) {
		const measured = results.get(page.url)!;
		const lcp = median(measured.map((m) => m.lcp));
		const worstCls = Math.max(...measured.map((m) => m.cls));
		const over = lcp > LCP_LIMIT_MS || worstCls > 0;
		failed ||= over;
		lines.push(
			[
				page.name.padEnd(14),
				page.url.padEnd(52),
				(lcp / 1000).toFixed(2).padStart(6),
				String(Math.round(median(measured.map((m) => m.tbt)))).padStart(7),
				median(measured.map((m) => m.cls))
					.toFixed(3)
					.padStart(6),
				(median(measured.map((m) => m.bytes)) / 1024).toFixed(1).padStart(9),
				(median(measured.map((m) => m.jsBytes)) / 1024).toFixed(1).padStart(6),
				' ' + measured.map((m) => (m.lcp / 1000).toFixed(2)).join(' ') + (over ? '  OVER' : '')
			].join(' ')
		);
	}
	console.log(lines.join('\n'));
	console.log(
		failed ? `\nFAIL: a median LCP over ${LCP_LIMIT_MS / 1000} s or a layout shift` : '\nOK: every median LCP within 1.5 s, no layout shift'
	);
} finally {
	chrome?.kill();
	if (server && server.exitCode === null) {
		server.kill('SIGTERM');
		await once(server, 'exit');
	}
}
process.exitCode = failed ? 1 : 0;
