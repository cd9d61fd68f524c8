import { defineConfig } from 'vitest/config';
import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-node';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import net from 'node:net';
import os from 'node:os';

// npm scripts put the project's own Node 24 (devDependency `node`) first on PATH; calling
// vite directly uses the machine's Node 20 and fails later with obscure errors.
const [major] = process.versions.node.split('.').map(Number);
if ((major ?? 0) < 22) {
	throw new Error(
		`Lobby needs Node ≥ 22 (found ${process.versions.node}). Run it through npm scripts ` +
			'(npm run dev / npm run build / npm test), which use the Node 24 in node_modules/.bin.'
	);
}

// adapter-node 6 no longer reads ORIGIN at run time: the public origin is fixed at build time
// and used for the CSRF check of form posts. scripts/start.ts rebuilds when it changes.
const origin = process.env.ORIGIN ?? 'http://localhost:3000';

/** The integration suite runs on PostgreSQL too when TEST_DATABASE_URL is set or the local server answers. */
function postgresAnswers(): Promise<boolean> {
	if (process.env.TEST_DATABASE_URL) return Promise.resolve(true);
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port: 5432, timeout: 1000 });
		socket.once('connect', () => (socket.destroy(), resolve(true)));
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => (socket.destroy(), resolve(false)));
	});
}

const databases = ['pglite', ...((await postgresAnswers()) ? ['postgres'] : [])];
if (process.env.VITEST && process.env.CI && !databases.includes('postgres')) {
	throw new Error('CI must run the integration suite on PostgreSQL too, but 127.0.0.1:5432 does not answer.');
}
if (process.env.VITEST && !databases.includes('postgres')) {
	console.warn('PostgreSQL is not reachable at 127.0.0.1:5432 and TEST_DATABASE_URL is unset: integration tests run on PGlite only.');
}

export default defineConfig({
	plugins: [
		// Under vitest the plugin's watcher keeps the process alive; tests compile messages first
		// (npm run i18n) instead.
		...(process.env.VITEST
			? []
			: [
					paraglideVitePlugin({
						project: './project.inlang',
						outdir: './src/lib/paraglide',
						strategy: ['cookie', 'custom-acceptLanguage', 'baseLocale']
					})
				]),
		sveltekit({
			adapter: adapter({ out: process.env.BUILD_DIR ?? 'build' }),
			paths: { origin },
			// The browser asks the server which route a link opens instead of loading a table of all
			// routes, staff pages included, with every resident page (issue 9: the phone JS budget).
			router: { resolution: 'server' },
			// A page's styles (a few KB; every file is under 6 KB) come inside its HTML: the first paint
			// needs no other request, one round trip less on a phone network (issue 9).
			inlineStyleThreshold: 8192,
			csp: {
				mode: 'auto',
				directives: {
					'default-src': ['self'],
					'script-src': ['self'],
					'style-src': ['self', 'unsafe-inline'],
					'img-src': ['self', 'data:', 'blob:'],
					'font-src': ['self'],
					'connect-src': ['self'],
					// The pay form answers with a redirect to Stripe's hosted checkout; without JavaScript
					// the browser applies form-action to that redirect too.
					'form-action': ['self', 'https://checkout.stripe.com'],
					'base-uri': ['self'],
					'object-src': ['none'],
					'frame-ancestors': ['none']
				}
			}
		})
	],
	// Vite's table of every chunk's gzipped size (thousands of lines nobody reads; the page-weight
	// test measures what a phone downloads) costs a gzip of each chunk on every build.
	build: { reportCompressedSize: false },
	test: {
		// Vitest's default leaves a core idle; integration tests wait on the database half the time.
		maxWorkers: os.availableParallelism(),
		// Jobs and requests log a line each (lib/server/log.ts): tests show only warnings and worse.
		env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts'],
					exclude: ['src/**/*.db.test.ts'],
					isolate: false
				}
			},
			...databases.map((kind) => ({
				extends: true,
				test: {
					name: kind,
					include: ['src/**/*.db.test.ts', 'tests/integration/**/*.test.ts'],
					env: { TEST_DB: kind, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
					setupFiles: ['tests/setup-db.ts'],
					globalSetup: ['tests/global-db.ts'],
					// Files share a worker's loaded modules (importing the app and its ~2 000 message
					// modules per file cost 60 % of the run); each file still gets its own database.
					isolate: false,
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			}))
		]
	}
});
