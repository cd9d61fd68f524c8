import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { DEMO_PASSWORD } from '../../src/lib/server/seed/demo-data.ts';

// `npm start` against an empty PostgreSQL, as a production installation starts: a second server
// beside the journeys' one, from the same build (same ORIGIN and BUILD_DIR, so nothing is rebuilt).
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const e2ePort = Number(process.env.E2E_PORT ?? 4173);
const origin = `http://localhost:${e2ePort}`;
const port = e2ePort + 1;
const base = `http://127.0.0.1:${port}`;

function postgresAnswers(): Promise<boolean> {
	const url = new URL(adminUrl);
	return new Promise((resolve) => {
		const socket = net.connect({ host: url.hostname, port: Number(url.port || 5432), timeout: 1000 });
		socket.once('connect', () => (socket.destroy(), resolve(true)));
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => (socket.destroy(), resolve(false)));
	});
}

function databaseUrl(name: string): string {
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

interface Answer {
	status: number;
	location: string | undefined;
	cookies: string[];
	body: string;
}

/**
 * A request as a browser sends it (HTML accepted, same origin), on a connection of its own: the
 * tests wait longer than the server keeps an idle connection open.
 */
function send(path: string, form?: Record<string, string>, cookie = ''): Promise<Answer> {
	const body = form ? new URLSearchParams(form).toString() : undefined;
	return new Promise((resolve, reject) => {
		const request = http.request(`${base}${path}`, {
			method: form ? 'POST' : 'GET',
			agent: false,
			headers: {
				origin,
				accept: 'text/html',
				cookie,
				...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {})
			}
		});
		request.on('response', (response) => {
			let text = '';
			response.on('data', (chunk) => (text += chunk));
			response.on('end', () =>
				resolve({
					status: response.statusCode ?? 0,
					location: response.headers.location,
					cookies: response.headers['set-cookie'] ?? [],
					body: text
				})
			);
		});
		request.on('error', reject);
		request.end(body);
	});
}

const signIn = (email: string, password: string) => send('/login', { email, password });

/** The environment of `npm start` on that database: nothing about demo data or payments set. */
function env(databaseName: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const { SEED: _seed, PAYMENTS_SANDBOX: _sandbox, SANDBOX_WEBHOOK_SECRET: _secret, ...rest } = process.env;
	return {
		...rest,
		DATABASE_URL: databaseUrl(databaseName),
		PORT: String(port),
		ORIGIN: origin,
		BUILD_DIR: 'build-e2e',
		SMTP_URL: '',
		...extra
	};
}

test.describe('npm start on an empty PostgreSQL', () => {
	test.describe.configure({ mode: 'serial', timeout: 180_000 });

	const name = `lobby_e2e_${randomBytes(4).toString('hex')}`;
	let admin: ReturnType<typeof postgres>;
	let server: ChildProcess | undefined;
	let output = '';

	test.beforeAll(async () => {
		test.setTimeout(180_000);
		test.skip(!(await postgresAnswers()), `PostgreSQL does not answer at ${adminUrl}`);
		admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database ${name}`);
		server = spawn(process.execPath, ['scripts/start.ts'], { env: env(name), stdio: ['ignore', 'pipe', 'pipe'] });
		server.stdout!.on('data', (chunk) => (output += chunk));
		server.stderr!.on('data', (chunk) => (output += chunk));
		for (let waited = 0; ; waited += 500) {
			if (server.exitCode !== null) throw new Error(`npm start stopped:\n${output}`);
			const up = await send('/api/health').then(
				(r) => r.status === 200,
				() => false
			);
			if (up && output.includes('Lobby is running')) break;
			if (waited > 150_000) throw new Error(`npm start did not come up:\n${output}`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	});

	test.afterAll(async () => {
		if (server && server.exitCode === null) {
			server.kill('SIGTERM');
			await new Promise((resolve) => server!.once('exit', resolve));
		}
		await admin?.unsafe(`drop database if exists ${name} with (force)`);
		await admin?.end();
	});

	test('loads no demo account and says how to create the first admin', async () => {
		const db = postgres(databaseUrl(name), { max: 1, onnotice: () => {} });
		try {
			expect(await db`select email from users`).toEqual([]);
			// The orphan-file sweep is scheduled like every recurring job.
			expect((await db`select count(*)::int as n from jobs where kind = 'files.reap-orphans'`)[0]!.n).toBe(2);
		} finally {
			await db.end();
		}
		expect(output).toContain('npm run create-admin -- --email');
		expect(output).not.toContain(DEMO_PASSWORD);
		expect((await signIn('admin@lobby.test', DEMO_PASSWORD)).status).toBe(400);
	});

	test('npm run create-admin makes an admin whose printed password signs in', async () => {
		const made = spawnSync(
			process.execPath,
			['scripts/create-admin.ts', '--email', 'boss@example.com', '--name', 'Boss', '--company', 'Harbour PM'],
			{
				env: env(name),
				encoding: 'utf8'
			}
		);
		expect(made.status, made.stderr).toBe(0);
		const password = made.stdout.match(/Password: (\S+)/)?.[1];
		expect(password).toBeTruthy();
		const signedIn = await signIn('boss@example.com', password!);
		expect(signedIn.status).toBe(303);
		// An admin: the staff accounts page, admins only, opens.
		const cookie = signedIn.cookies.map((c) => c.split(';')[0]).join('; ');
		expect((await send('/staff/admin/staff', undefined, cookie)).status).toBe(200);
	});

	test('with the sandbox turned on but no secret of its own, refuses to start and says why', async () => {
		const refused = spawnSync(process.execPath, ['scripts/start.ts'], {
			env: env(name, { PAYMENTS_SANDBOX: 'on', PORT: String(port + 1) }),
			encoding: 'utf8',
			timeout: 60_000
		});
		expect(refused.status).toBe(1);
		expect(refused.stderr).toContain('SANDBOX_WEBHOOK_SECRET');
		expect(refused.stderr).not.toMatch(/\n\s+at /);
	});

	// The sandbox decision is config.ts's (payments.sandbox); the payment pages follow it.
	test('tells a stranger only that it is up, and offers no sandbox payment page', async () => {
		expect(JSON.parse((await send('/api/health')).body)).toEqual({ status: 'ok' });
		expect((await send('/pay/sandbox/P-000001')).status).toBe(404);
	});
});
