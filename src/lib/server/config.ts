/**
 * The environment, read and checked once: every setting Lobby has, with its default, in one
 * place. A wrong value stops the server at start with a message saying which variable and why,
 * instead of failing later (or worse, quietly using a default secret in production).
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { S3Settings } from './storage/s3.ts';

const onOff = z
	.enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no'])
	.transform((value) => ['on', 'true', '1', 'yes'].includes(value));
const positiveInt = z.coerce.number().int().positive();
/** Unset and empty both mean "not set" (a .env file often carries `NAME=`). */
const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), schema.optional());

const envSchema = z.object({
	DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')),
	DATABASE_REPLICA_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')),
	PGLITE_DIR: optional(z.string()),
	DATABASE_POOL_SIZE: optional(positiveInt),
	MIGRATIONS_DIR: optional(z.string()),
	SEED: optional(z.enum(['demo', 'true', 'false', 'none', 'off'])),
	ORIGIN: optional(z.url()),
	PORT: optional(positiveInt),
	SMTP_URL: optional(z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')),
	MAIL_FROM: optional(z.string()),
	STORAGE: optional(z.enum(['local', 's3'])),
	STORAGE_DIR: optional(z.string()),
	S3_ENDPOINT: optional(z.url()),
	S3_REGION: optional(z.string()),
	S3_BUCKET: optional(z.string()),
	S3_ACCESS_KEY_ID: optional(z.string()),
	S3_SECRET_ACCESS_KEY: optional(z.string()),
	S3_PREFIX: optional(z.string().regex(/^[A-Za-z0-9._-]+\/$/, 'must be letters, digits, dots, dashes or underscores ending in /')),
	UPLOAD_DIR: optional(z.string()),
	SMS_PROVIDER: optional(z.enum(['outbox'])),
	LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
	SLOW_QUERY_MS: optional(positiveInt),
	METRICS_TOKEN: optional(z.string().min(24, 'must be at least 24 characters')),
	JOBS: optional(onOff),
	JOBS_POLL_MS: optional(positiveInt),
	LOGIN_WINDOW_SECONDS: optional(positiveInt),
	LOGIN_MAX_ACCOUNT_FAILURES: optional(positiveInt),
	LOGIN_MAX_IP_FAILURES: optional(positiveInt),
	STRIPE_SECRET_KEY: optional(z.string()),
	STRIPE_WEBHOOK_SECRET: optional(z.string()),
	STRIPE_API_BASE: optional(z.url()),
	PAYMENTS_SANDBOX: optional(onOff),
	SANDBOX_WEBHOOK_SECRET: optional(z.string().min(16, 'must be at least 16 characters'))
});

export interface Config {
	database: { url: string | null; replicaUrl: string | null; pgliteDir: string; poolSize: number; migrationsDir: string };
	/** The embedded database (no DATABASE_URL): a laptop, a demo, the journeys. */
	embedded: boolean;
	/** Whether an empty database gets the demo data (accounts with a published password). */
	seedDemo: boolean;
	origin: string;
	mail: { smtpUrl: string | null; from: string };
	/** Where uploaded bytes live: a local directory (the embedded default), or an S3-compatible bucket several servers share. */
	storage: { kind: 'local'; dir: string } | ({ kind: 's3' } & S3Settings);
	/** Where uploads are streamed while their request runs (on disk, not in memory); emptied as each ends. */
	uploadDir: string;
	smsProvider: 'outbox';
	jobs: { enabled: boolean; pollMs: number };
	/** JSON log lines at this level and above (lib/server/log.ts); statements slower than slowQueryMs are logged. */
	log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'; slowQueryMs: number };
	/** The bearer token /metrics asks for; null: no /metrics at all. */
	metricsToken: string | null;
	login: { windowMs: number; maxAccountFailures: number; maxIpFailures: number };
	payments: {
		stripe: { secretKey: string; webhookSecret: string; apiBase: string | undefined } | null;
		/** The demo's own hosted payment page; null when off. */
		sandbox: { webhookSecret: string } | null;
	};
}

export class ConfigError extends Error {
	constructor(problems: string[]) {
		super(`Lobby cannot start: the configuration is wrong.\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.name = 'ConfigError';
	}
}

// One secret per process when the embedded database runs the sandbox without its own: a single
// process signs and checks its own demo webhooks, and nothing is published in the code.
const processSecret = randomBytes(32).toString('hex');

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
	const parsed = envSchema.safeParse(env);
	if (!parsed.success) {
		throw new ConfigError(parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`));
	}
	const e = parsed.data;
	const problems: string[] = [];
	const embedded = !e.DATABASE_URL;
	const stripe =
		e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET
			? { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, apiBase: e.STRIPE_API_BASE }
			: null;
	if (!!e.STRIPE_SECRET_KEY !== !!e.STRIPE_WEBHOOK_SECRET)
		problems.push('STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET go together: set both or neither.');
	// The sandbox takes no real money, so it is on by default only for the embedded database.
	const sandboxOn = e.PAYMENTS_SANDBOX ?? (embedded && !stripe);
	if (sandboxOn && !embedded && !e.SANDBOX_WEBHOOK_SECRET) {
		problems.push(
			'PAYMENTS_SANDBOX is on with PostgreSQL but SANDBOX_WEBHOOK_SECRET is not set: give the sandbox its own secret (or turn it off).'
		);
	}
	const s3 = e.STORAGE === 's3';
	if (s3)
		for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const)
			if (!e[name]) problems.push(`STORAGE is s3 but ${name} is not set.`);
	if (e.DATABASE_REPLICA_URL && embedded) problems.push('DATABASE_REPLICA_URL needs DATABASE_URL: the embedded database has no replica.');
	const seed = e.SEED === 'demo' || e.SEED === 'true' ? true : e.SEED ? false : embedded;
	if (problems.length) throw new ConfigError(problems);
	const port = e.PORT ?? 3000;
	return {
		database: {
			url: e.DATABASE_URL ?? null,
			replicaUrl: e.DATABASE_REPLICA_URL ?? null,
			pgliteDir: path.resolve(e.PGLITE_DIR ?? path.join(process.cwd(), 'data', 'pglite')),
			poolSize: e.DATABASE_POOL_SIZE ?? 10,
			migrationsDir: path.resolve(e.MIGRATIONS_DIR ?? path.join(process.cwd(), 'drizzle'))
		},
		embedded,
		seedDemo: seed,
		origin: (e.ORIGIN ?? `http://localhost:${port}`).replace(/\/$/, ''),
		mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM ?? 'Lobby <no-reply@lobby.local>' },
		storage: s3
			? {
					kind: 's3',
					endpoint: e.S3_ENDPOINT,
					region: e.S3_REGION ?? 'us-east-1',
					bucket: e.S3_BUCKET!,
					accessKeyId: e.S3_ACCESS_KEY_ID!,
					secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
					prefix: e.S3_PREFIX ?? ''
				}
			: { kind: 'local', dir: path.resolve(e.STORAGE_DIR ?? path.join(process.cwd(), 'data', 'files')) },
		uploadDir: path.resolve(e.UPLOAD_DIR ?? path.join(process.cwd(), 'data', 'incoming')),
		smsProvider: e.SMS_PROVIDER ?? 'outbox',
		jobs: { enabled: e.JOBS ?? true, pollMs: e.JOBS_POLL_MS ?? 5000 },
		log: { level: e.LOG_LEVEL ?? 'info', slowQueryMs: e.SLOW_QUERY_MS ?? 200 },
		metricsToken: e.METRICS_TOKEN ?? null,
		login: {
			windowMs: (e.LOGIN_WINDOW_SECONDS ?? 15 * 60) * 1000,
			maxAccountFailures: e.LOGIN_MAX_ACCOUNT_FAILURES ?? 5,
			maxIpFailures: e.LOGIN_MAX_IP_FAILURES ?? 100
		},
		payments: {
			stripe,
			sandbox: sandboxOn ? { webhookSecret: e.SANDBOX_WEBHOOK_SECRET ?? processSecret } : null
		}
	};
}

let current: Config | undefined;

/** The configuration of this process, read on first use (the server reads it at start). */
export function config(): Config {
	return (current ??= readConfig());
}

/**
 * For entry points (npm start, the scripts, the server's init): the configuration, or the
 * message naming what is wrong and exit code 1 — an operator's mistake, not a crash to debug.
 */
export function configOrExit(): Config {
	try {
		return config();
	} catch (err) {
		if (!(err instanceof ConfigError)) throw err;
		console.error(err.message);
		process.exit(1);
	}
}

/** Tests that change the environment read it again. */
export function resetConfig(): void {
	current = undefined;
}
