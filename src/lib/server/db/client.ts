import fs from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type AnyColumn, type ExtractTablesWithRelations, type SQL } from 'drizzle-orm';
import * as schema from './schema/index.ts';
import { config } from '../config.ts';
import { logSlowQueries } from './slow-queries.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A transaction handle; services accept either so they compose inside one transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;
export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
	db: Db;
	kind: DatabaseKind;
	/** The connection URL for PostgreSQL (tools such as pg_dump use it); null for PGlite. */
	url: string | null;
	/** The read replica (DATABASE_REPLICA_URL) heavy read-only pages use; absent: they read the primary. */
	replica?: Db;
	/** Runs fn while holding a session-level advisory lock (a no-op wait on PGlite). */
	withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

export const drizzleOptions = { schema, casing: 'snake_case' } as const;

let current: Database | undefined;
let opening: Promise<Database> | undefined;

export function pgliteDataDir(): string {
	return config().database.pgliteDir;
}

async function openPostgres(url: string, replicaUrl: string | null = null): Promise<Database> {
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const { poolSize } = config().database;
	const connect = (to: string) => {
		const client = postgres(to, { max: poolSize, onnotice: () => {} });
		return { client, db: drizzle(logSlowQueries(client, config().log.slowQueryMs), drizzleOptions) as unknown as Db };
	};
	const { client: sql, db } = connect(url);
	const replica = replicaUrl ? connect(replicaUrl) : null;
	return {
		db,
		...(replica && { replica: replica.db }),
		kind: 'postgresql',
		url,
		async withAdvisoryLock(key, fn) {
			const reserved = await sql.reserve();
			try {
				await reserved`select pg_advisory_lock(${key})`;
				try {
					return await fn();
				} finally {
					await reserved`select pg_advisory_unlock(${key})`;
				}
			} finally {
				reserved.release();
			}
		},
		close: async () => {
			await Promise.all([sql.end({ timeout: 5 }), replica?.client.end({ timeout: 5 })]);
		}
	};
}

/**
 * PGlite allows one process per data directory. A lock file holding our pid makes a second
 * process fail with a clear message instead of corrupting the data.
 */
function takeLock(dir: string): () => void {
	const lockFile = `${dir.replace(/[\\/]+$/, '')}.lock`;
	const write = () => fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
	try {
		write();
	} catch {
		const pid = Number(fs.readFileSync(lockFile, 'utf8'));
		let alive: boolean;
		try {
			process.kill(pid, 0);
			alive = pid !== process.pid;
		} catch {
			alive = false;
		}
		if (alive) {
			throw new Error(`The embedded database in ${dir} is in use by process ${pid}. Stop it first, or set DATABASE_URL to use PostgreSQL.`);
		}
		fs.rmSync(lockFile, { force: true });
		write();
	}
	return () => fs.rmSync(lockFile, { force: true });
}

/** `snapshot`: a data directory dumped with dumpDataDir() (tests start from a migrated copy). */
export async function openPglite(dataDir?: string, snapshot?: Blob): Promise<Database> {
	const { PGlite, protocol, parse } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { withPreparedStatements } = await import('./pglite-statements.ts');
	let release = () => {};
	if (dataDir) {
		fs.mkdirSync(dataDir, { recursive: true });
		release = takeLock(dataDir);
	}
	try {
		// pg_trgm backs the staff registry's substring search (also created in migrate.ts).
		const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
		const client = new PGlite({ dataDir, extensions: { pg_trgm }, ...(snapshot ? { loadDataDir: snapshot } : {}) });
		await client.waitReady;
		const db = drizzle(withPreparedStatements(client, { protocol, parse }), drizzleOptions) as unknown as Db;
		return {
			db,
			kind: 'pglite',
			url: null,
			withAdvisoryLock: (_key, fn) => fn(),
			async close() {
				await client.close();
				release();
			}
		};
	} catch (error) {
		release();
		throw error;
	}
}

/** Opens the configured database once per process: PostgreSQL with DATABASE_URL, else PGlite. */
export function openDatabase(): Promise<Database> {
	if (current) return Promise.resolve(current);
	opening ??= (async () => {
		const { url, replicaUrl } = config().database;
		const database = url ? await openPostgres(url, replicaUrl) : await openPglite(pgliteDataDir());
		current = database;
		return database;
	})();
	opening.catch(() => (opening = undefined));
	return opening;
}

export { openPostgres };

/** Tests and scripts hand in their own database. */
export function useDatabase(database: Database): void {
	current = database;
	opening = Promise.resolve(database);
}

export function database(): Database {
	if (!current) throw new Error('The database is not open yet (openDatabase() runs at server start).');
	return current;
}

export function db(): Db {
	return database().db;
}

/**
 * Where heavy read-only work reads — reports, exports, statistics: the replica when
 * DATABASE_REPLICA_URL is set, else the primary. Never for what a request then writes, nor for
 * what a person must see the moment after changing it (the replica may lag by a moment).
 */
export function readDb(): Db {
	const open = database();
	return open.replica ?? open.db;
}

/**
 * A statement drizzle builds once per executor (the open database, or a transaction) and list
 * length (see inList), then only executes with its placeholders (`sql.placeholder`). Building a
 * statement (drizzle walks every column and table of it) took about as much server time as PGlite
 * took to run it; the statements that nearly every resident page sends are built once. The name
 * keeps it prepared on PostgreSQL.
 */
export function preparedOnce<T>(build: (executor: Executor, listLength: number) => T): (executor?: Executor, listLength?: number) => T {
	const byExecutor = new WeakMap<Executor, Map<number, T>>();
	return (executor = db(), listLength = 0) => {
		let byLength = byExecutor.get(executor);
		if (!byLength) byExecutor.set(executor, (byLength = new Map<number, T>()));
		let statement = byLength.get(listLength);
		if (!statement) byLength.set(listLength, (statement = build(executor, listLength)));
		return statement;
	};
}

/**
 * `column in ($1, …, $n)` over the placeholders `name0`…: a prepared statement's list, with its
 * values from listValues. One placeholder per value, not `= any($1::uuid[])`: the plan PostgreSQL
 * keeps for a prepared statement then expects as many rows as there are values, where for an array
 * it expected ten and joined whole tables by hashing (PGlite: 0.3 → 0.6 ms for a resident's units).
 */
export function inList(column: AnyColumn | SQL, name: string, length: number): SQL {
	return sql`${column} in (${sql.join(
		Array.from({ length }, (_, i) => sql.placeholder(`${name}${i}`)),
		sql`, `
	)})`;
}

/** The values of inList's placeholders. */
export function listValues(name: string, values: readonly string[]): Record<string, string> {
	return Object.fromEntries(values.map((value, i) => [`${name}${i}`, value]));
}

export async function closeDatabase(): Promise<void> {
	const open = current;
	current = undefined;
	opening = undefined;
	await open?.close();
}

/** Rows of a raw SQL query; PGlite answers { rows }, postgres.js an array. */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
	const result: unknown = await executor.execute(query);
	return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}
