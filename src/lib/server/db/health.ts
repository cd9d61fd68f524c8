import { sql } from 'drizzle-orm';
import { startDatabase } from './start.ts';
import { migrationLevel, type MigrationLevel } from './migrate.ts';
import { database as current, type DatabaseKind } from './client.ts';

export type Health = { status: 'ok'; database: DatabaseKind; migrations: MigrationLevel } | { status: 'unavailable'; reason: string };

export async function databaseHealth(): Promise<Health> {
	try {
		await startDatabase();
		const database = current();
		await database.db.execute(sql`select 1`);
		const migrations = await migrationLevel(database);
		if (migrations.applied < migrations.available) {
			return { status: 'unavailable', reason: `migrations pending: ${migrations.applied}/${migrations.available}` };
		}
		return { status: 'ok', database: database.kind, migrations };
	} catch (err) {
		return { status: 'unavailable', reason: err instanceof Error ? err.message : String(err) };
	}
}
