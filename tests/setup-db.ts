// Runs before each integration test file: every file gets its own fresh, migrated database.
import { afterAll } from 'vitest';
import { useDatabase, closeDatabase } from '../src/lib/server/db/client.ts';
import { freshDatabase } from './test-database.ts';

const { database, dispose } = await freshDatabase();
useDatabase(database);

afterAll(async () => {
	await dispose();
	await closeDatabase().catch(() => {});
});

import { installValidationMessages } from '../src/lib/server/forms/error-map.ts';
installValidationMessages();
