import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Sql } from 'postgres';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, queryRows, type Database } from '../src/lib/server/db/client.ts';
import { migrate, migrationsFolder } from '../src/lib/server/db/migrate.ts';

export const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Where a test template is described: a PGlite snapshot file, or a PostgreSQL template database. */
export interface Template {
	pgliteSnapshot?: string;
	postgresTemplate?: string;
	/** The run's id, which names its copies so that the run's end drops the ones left over. */
	postgresRun?: string;
}

/** A fingerprint of the migrations, so a template is rebuilt exactly when they change. */
function migrationsHash(): string {
	const hash = createHash('sha256');
	const folder = migrationsFolder();
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(file);
			else hash.update(entry.name).update(fs.readFileSync(file));
		}
	};
	walk(folder);
	return hash.digest('hex').slice(0, 12);
}

function databaseUrl(name: string): string {
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

/**
 * A fresh, migrated database of the kind named by TEST_DB, and how to throw it away. With a
 * template (built once per run by tests/global-db.ts) it is a copy: PGlite loads a snapshot of a
 * migrated data directory, PostgreSQL runs CREATE DATABASE … TEMPLATE — far cheaper than migrating.
 */
export async function freshDatabase(
	kind = process.env.TEST_DB ?? 'pglite',
	template: Template = {}
): Promise<{ database: Database; dispose: () => Promise<void> }> {
	if (kind === 'pglite') {
		if (template.pgliteSnapshot) return emptiedPglite(template.pgliteSnapshot);
		const database = await openPglite();
		await migrate(database);
		return { database, dispose: () => database.close() };
	}
	const name = template.postgresTemplate ? await takeCopy(template.postgresTemplate, template.postgresRun ?? '') : await createDatabase('');
	const database = await openPostgres(databaseUrl(name));
	if (!template.postgresTemplate) await migrate(database);
	return {
		database,
		async dispose() {
			await database.close();
			// Dropped while the worker goes on to its next file (a drop waits ~0.2 s on a checkpoint);
			// one that has not finished when the run ends is dropped by dropRunCopies.
			const admin = await adminConnection();
			admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
		}
	};
}

/**
 * PGlite: one instance per worker process (a vitest worker runs many files), started from the
 * template's snapshot once and emptied before each file. Starting PGlite costs ~0.5 s of CPU —
 * it was most of the integration suite's time on PGlite — and emptying what a file wrote, ~30 ms.
 * The migrated template holds no rows in its public tables (a migration that adds some fails
 * here, loudly), so fresh means: every public table empty, every sequence at its start.
 */
let sharedPglite: Promise<{ database: Database; snapshot: string; empty: string }> | undefined;

async function emptiedPglite(snapshot: string): Promise<{ database: Database; dispose: () => Promise<void> }> {
	const current = await sharedPglite;
	if (!current || current.snapshot !== snapshot) {
		await current?.database.close();
		sharedPglite = (async () => {
			const database = await openPglite(undefined, await fs.openAsBlob(snapshot));
			return { database, snapshot, empty: await emptyingScript(database) };
		})();
		sharedPglite.catch(() => (sharedPglite = undefined));
	}
	const { database, empty } = await sharedPglite!;
	await (database.db as unknown as { $client: { exec(script: string): Promise<unknown> } }).$client.exec(empty);
	// The file's afterAll closes "the database" (closeDatabase): this one outlives the file.
	return { database: { ...database, close: async () => {} }, dispose: async () => {} };
}

/**
 * One script that deletes every public table's rows and restarts every sequence. In the replica
 * role no trigger fires: neither the append-only guards nor the foreign keys, so order is free.
 * (DELETE, not TRUNCATE: truncating cascades to every table that references the written ones.)
 */
async function emptyingScript(database: Database): Promise<string> {
	const tables = await queryRows<{ name: string }>(
		database.db,
		sql`select quote_ident(tablename) as name from pg_tables where schemaname = 'public' order by tablename`
	);
	const probe = tables.map(({ name }) => `select '${name}' as name where exists (select 1 from public.${name})`).join(' union all ');
	const seeded = await queryRows<{ name: string }>(database.db, sql.raw(probe));
	if (seeded.length)
		throw new Error(
			`The migrated template has rows in ${seeded.map((t) => t.name).join(', ')}: tests/test-database.ts empties every public table between files.`
		);
	return [
		'set session_replication_role = replica;',
		...tables.map(({ name }) => `delete from public.${name};`),
		`select setval(s.seqrelid, s.seqstart, false) from pg_sequence s join pg_class c on c.oid = s.seqrelid
		   join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public';`,
		'set session_replication_role = origin;'
	].join('\n');
}
// One admin connection per process (a vitest worker runs many files), and the next file's copy of
// the template made while this file's tests run: CREATE DATABASE waits on the disk (~0.7 s), not
// the CPU, so a worker no longer waits for it between files.
let admin: Sql | undefined;
let nextCopy: { template: string; name: Promise<string> } | undefined;

async function adminConnection() {
	if (!admin) {
		const { default: postgres } = await import('postgres');
		// Closed when idle, so a script that made one database can exit.
		admin = postgres(adminUrl, { max: 2, idle_timeout: 2, onnotice: () => {} });
	}
	return admin;
}

async function createDatabase(run: string, template?: string): Promise<string> {
	const name = `lobby_test_${run ? `${run}_` : ''}${randomBytes(6).toString('hex')}`;
	await (await adminConnection()).unsafe(`create database ${name}${template ? ` template ${template}` : ''}`);
	return name;
}

async function takeCopy(template: string, run: string): Promise<string> {
	const ready = nextCopy?.template === template ? nextCopy.name : createDatabase(run, template);
	const name = await ready;
	const upcoming = createDatabase(run, template);
	// A copy nobody takes (the worker's last file) is dropped by dropRunCopies at the end of the run.
	upcoming.catch(() => {});
	nextCopy = { template, name: upcoming };
	return name;
}

/** Drops the copies a run made and left (each worker's unused next copy); tests/global-db.ts calls it. */
export async function dropRunCopies(run: string): Promise<void> {
	const { default: postgres } = await import('postgres');
	const connection = postgres(adminUrl, { max: 1, onnotice: () => {} });
	try {
		const left = await connection<{ datname: string }[]>`select datname from pg_database where datname like ${`lobby_test_${run}_%`}`;
		for (const { datname } of left) await connection.unsafe(`drop database if exists ${datname} with (force)`);
	} finally {
		await connection.end();
	}
}

/** The migrated PGlite snapshot for this set of migrations, made when missing. */
export async function pgliteSnapshot(dir: string): Promise<string> {
	const file = path.join(dir, `pglite-${migrationsHash()}.tar`);
	if (fs.existsSync(file)) return file;
	fs.mkdirSync(dir, { recursive: true });
	const database = await openPglite();
	try {
		await migrate(database);
		const client = (database.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
		const dump = await client.dumpDataDir('none');
		// Written under another name first: a run stopped halfway leaves no broken snapshot behind.
		const partial = `${file}.${process.pid}`;
		fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
		fs.renameSync(partial, file);
	} finally {
		await database.close();
	}
	for (const old of fs.readdirSync(dir)) {
		if (old.startsWith('pglite-') && path.join(dir, old) !== file) fs.rmSync(path.join(dir, old), { force: true });
	}
	return file;
}

/**
 * The migrated PostgreSQL template database for this set of migrations, made when missing
 * (under a temporary name, renamed when complete). Templates of other migration sets are left
 * alone: another checkout on the same server may be using one at this moment.
 */
export async function postgresTemplate(): Promise<string> {
	const name = `lobby_template_${migrationsHash()}`;
	const { default: postgres } = await import('postgres');
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	try {
		const existing = await admin<{ datname: string }[]>`select datname from pg_database where datname = ${name}`;
		if (existing.length === 0) {
			const building = `${name}_${randomBytes(3).toString('hex')}`;
			await admin.unsafe(`create database ${building}`);
			const database = await openPostgres(databaseUrl(building));
			try {
				await migrate(database);
			} finally {
				await database.close();
			}
			await admin.unsafe(`alter database ${building} rename to ${name}`);
		}
		return name;
	} finally {
		await admin.end();
	}
}
