import { describe, expect, it } from 'vitest';
import { database } from './client.ts';
import { migrate, migrationLevel } from './migrate.ts';

describe('migrations', () => {
	it('bring a fresh database to the latest level and are idempotent', async () => {
		const before = await migrationLevel(database());
		expect(before.applied).toBe(before.available);
		await migrate(database());
		expect(await migrationLevel(database())).toEqual(before);
	});
});
