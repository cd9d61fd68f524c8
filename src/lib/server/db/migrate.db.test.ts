import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { database, openPostgres } from './client.ts';
import { migrate, migrationLevel } from './migrate.ts';
import { adminUrl } from '../../../../tests/test-database.ts';

describe('migrations', () => {
	it('bring a fresh database to the latest level and are idempotent', async () => {
		const before = await migrationLevel(database());
		expect(before.applied).toBe(before.available);
		expect(before.latest).not.toBeNull();
		await migrate(database());
		expect(await migrationLevel(database())).toEqual(before);
	});

	it.runIf(process.env.TEST_DB === 'postgres')(
		'run once when several processes start together on an empty PostgreSQL database',
		async () => {
			const { default: postgres } = await import('postgres');
			const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
			const name = `lobby_race_${randomBytes(5).toString('hex')}`;
			await admin.unsafe(`create database ${name}`);
			const url = new URL(adminUrl);
			url.pathname = `/${name}`;
			const processes = await Promise.all([1, 2, 3, 4].map(() => openPostgres(url.toString())));
			try {
				await Promise.all(processes.map((p) => migrate(p)));
				const level = await migrationLevel(processes[0]!);
				expect(level.applied).toBe(level.available);
			} finally {
				await Promise.all(processes.map((p) => p.close()));
				await admin.unsafe(`drop database if exists ${name} with (force)`);
				await admin.end();
			}
		}
	);
});
