import fs from 'node:fs';
import { defineConfig, type Project } from '@playwright/test';

// The journeys run against the production build served by scripts/start.ts, on a fresh
// embedded database seeded with the demo data, in Debian's Chromium (its headless shell).
const port = Number(process.env.E2E_PORT ?? 4173);
const origin = `http://localhost:${port}`;
const pgliteDir = 'tmp/e2e-pglite';
// npm test (scripts/test.ts) runs the journeys after the vitest step (E2E_PHASE=shared, no timing
// checks), then the timing checks on their own (E2E_PHASE=alone). Unset, one run does both, the
// timing checks last.
const phase = process.env.E2E_PHASE;
const cluster = !!process.env.E2E_CLUSTER;
// Debian's headless shell (package chromium-headless-shell: Chromium's own headless build, without
// the desktop browser around it) when installed — it spent ~40 % less CPU on the same journeys —
// else the full Chromium in headless mode.
const browser = fs.existsSync('/usr/bin/chromium-headless-shell') ? '/usr/bin/chromium-headless-shell' : '/usr/bin/chromium';

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results',
	fullyParallel: true,
	// Journeys wait on the server and the browser more than they compute (alone, two workers kept the
	// two cores a third busy): four at once keep both busy.
	workers: Number(process.env.E2E_WORKERS ?? 4),
	retries: process.env.CI ? 1 : 0,
	forbidOnly: !!process.env.CI,
	timeout: 45_000,
	expect: { timeout: 5_000 },
	reporter: [['list'], ['json', { outputFile: process.env.E2E_JSON ?? 'tmp/reports/playwright.json' }]],
	use: {
		baseURL: origin,
		// In CI a trace only when a journey is retried: recording one for every journey cost 15 % of
		// their CPU (428 → 366 core-seconds for the 90) on a machine the journeys keep busy. Locally
		// (no retries) a failed journey keeps its trace.
		trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? browser,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: (
		[
			// Resident journeys are designed for a phone first (tagged @phone); the rest run once on a desktop.
			{
				name: 'phone',
				grep: /@phone/,
				use: { browserName: 'chromium', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
			},
			{
				name: 'desktop',
				grepInvert: /@phone|@alone|@weight/,
				use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } }
			},
			// The page-weight table and budget (tests/e2e/page-weight.spec.ts): every resident page's
			// JavaScript, so a new page or dependency cannot quietly break the phone budget.
			{ name: 'weight', grep: /@weight/, use: { browserName: 'chromium' } },
			// Timings of the server itself (e.g. /api/health under a 100 MB post): measured after the
			// other journeys, with nothing else loading the two cores.
			{
				name: 'alone',
				grep: /@alone/,
				dependencies: phase ? [] : ['phone', 'desktop', 'weight'],
				use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } }
			}
		] as Project[]
	).filter((project) => !phase || (phase === 'alone') === (project.name === 'alone')),
	webServer: {
		// A fresh database each run, so journeys start from the demo data and nothing else. With
		// E2E_CLUSTER set (npm test, where PostgreSQL runs): two app processes on a fresh PostgreSQL
		// database and an S3-compatible bucket, behind haproxy (scripts/cluster.ts).
		command: cluster ? `"${process.execPath}" scripts/cluster.ts` : `rm -rf ${pgliteDir} && "${process.execPath}" scripts/start.ts`,
		url: `${origin}/api/health`,
		env: {
			BUILD_DIR: 'build-e2e',
			ORIGIN: origin,
			PORT: String(port),
			PGLITE_DIR: pgliteDir,
			DATABASE_URL: '',
			SMTP_URL: '',
			SEED: 'true',
			// npm start serves the demo estate's own site (the widget's host) on this second origin.
			WIDGET_HOST_PORT: process.env.WIDGET_HOST_PORT ?? '4179'
		},
		timeout: 180_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe',
		// The cluster stops its processes one by one and then reads their logs.
		gracefulShutdown: { signal: 'SIGTERM', timeout: cluster ? 60_000 : 10_000 }
	}
});
