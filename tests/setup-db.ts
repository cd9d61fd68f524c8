// Runs before each integration test file: every file gets its own fresh, migrated database,
// copied from the run's template (tests/global-db.ts).
import { afterAll, inject } from 'vitest';
import { useDatabase, closeDatabase } from '../src/lib/server/db/client.ts';
import { installValidationMessages } from '../src/lib/server/forms/error-map.ts';
import { freshDatabase } from './test-database.ts';

const { database, dispose } = await freshDatabase(process.env.TEST_DB, {
	pgliteSnapshot: process.env.TEST_DB === 'pglite' ? inject('pgliteSnapshot') : undefined,
	postgresTemplate: process.env.TEST_DB === 'postgres' ? inject('postgresTemplate') : undefined,
	postgresRun: process.env.TEST_DB === 'postgres' ? inject('postgresRun') : undefined
});
useDatabase(database);

afterAll(async () => {
	await dispose();
	await closeDatabase().catch(() => {});
});

installValidationMessages();
