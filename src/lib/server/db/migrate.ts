import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from './client.ts';
import { config } from '../config.ts';

const MIGRATION_LOCK = 7_310_001;

export function migrationsFolder(): string {
	return config().database.migrationsDir;
}

interface Journal {
	entries: { idx: number; tag: string; when: number }[];
}

function journal(): Journal {
	return JSON.parse(fs.readFileSync(path.join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as Journal;
}

/** Applies pending migrations; two processes starting together serialise on an advisory lock. */
export async function migrate(database: Database): Promise<void> {
	const migrationsFolderPath = migrationsFolder();
	await database.withAdvisoryLock(MIGRATION_LOCK, async () => {
		// drizzle-kit does not manage extensions; the trigram indexes in the schema need this first.
		await database.db.execute(sql`create extension if not exists pg_trgm`);
		if (database.kind === 'pglite') {
			const { migrate } = await import('drizzle-orm/pglite/migrator');
			await migrate(database.db as never, { migrationsFolder: migrationsFolderPath });
		} else {
			const { migrate } = await import('drizzle-orm/postgres-js/migrator');
			await migrate(database.db as never, { migrationsFolder: migrationsFolderPath });
		}
	});
}

export interface MigrationLevel {
	applied: number;
	available: number;
	latest: string | null;
}

export async function migrationLevel(database: Database): Promise<MigrationLevel> {
	const entries = journal().entries;
	const [row] = await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from drizzle.__drizzle_migrations`);
	const applied = Number(row?.count ?? 0);
	return { applied, available: entries.length, latest: entries[applied - 1]?.tag ?? null };
}
