import { randomBytes } from 'node:crypto';
import { openPglite, openPostgres, type Database } from '../src/lib/server/db/client.ts';
import { migrate } from '../src/lib/server/db/migrate.ts';

export const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, migrated database of the kind named by TEST_DB, and how to throw it away. */
export async function freshDatabase(kind = process.env.TEST_DB ?? 'pglite'): Promise<{
	database: Database;
	dispose(): Promise<void>;
}> {
	if (kind === 'pglite') {
		const database = await openPglite();
		await migrate(database);
		return { database, dispose: () => database.close() };
	}
	const { default: postgres } = await import('postgres');
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	const name = `lobby_test_${randomBytes(6).toString('hex')}`;
	await admin.unsafe(`create database ${name}`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const database = await openPostgres(url.toString());
	await migrate(database);
	return {
		database,
		async dispose() {
			await database.close();
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}
