import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUrl } from '../../../../tests/test-database.ts';
import { readConfig } from '../config.ts';
import { closeDatabase, openPostgres, queryRows, readDb, useDatabase, type Database } from './client.ts';
import { sql } from 'drizzle-orm';

// Two real databases stand for the primary and its replica; each says which it is.
const suffix = `${process.pid}_${Date.now().toString(36)}`;
const names = { primary: `lobby_primary_${suffix}`, replica: `lobby_replica_${suffix}` };
const urlOf = (name: string) => adminUrl.replace(/\/[^/]*$/, `/${name}`);
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const opened: Database[] = [];

beforeAll(async () => {
	for (const [role, name] of Object.entries(names)) {
		await admin.unsafe(`create database ${name}`);
		const client = postgres(urlOf(name), { max: 1 });
		await client.unsafe(`create table whoami (role text); insert into whoami values ('${role}')`);
		await client.end();
	}
});
afterAll(async () => {
	// Leave no database installed for the worker's next file (the unit project shares one module graph).
	await closeDatabase();
	await Promise.all(opened.map((d) => d.close()));
	for (const name of Object.values(names)) await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.end();
});

const whoReads = async () => (await queryRows<{ role: string }>(readDb(), sql`select role from whoami`))[0]!.role;

describe('the read replica', () => {
	it('is where reports read when DATABASE_REPLICA_URL is set, while writes go to the primary', async () => {
		const database = await openPostgres(urlOf(names.primary), urlOf(names.replica));
		opened.push(database);
		useDatabase(database);
		expect(await whoReads()).toBe('replica');
		expect((await queryRows<{ role: string }>(database.db, sql`select role from whoami`))[0]!.role).toBe('primary');
	});

	it('falls back to the primary when DATABASE_REPLICA_URL is unset', async () => {
		const database = await openPostgres(urlOf(names.primary));
		opened.push(database);
		useDatabase(database);
		expect(database.replica).toBeUndefined();
		expect(await whoReads()).toBe('primary');
	});

	it('is refused without a PostgreSQL primary: the embedded database has none', () => {
		expect(() => readConfig({ DATABASE_REPLICA_URL: 'postgres://replica/lobby' })).toThrow(/DATABASE_REPLICA_URL needs DATABASE_URL/);
		expect(readConfig({ DATABASE_URL: 'postgres://db/lobby', DATABASE_REPLICA_URL: 'postgres://replica/lobby' }).database.replicaUrl).toBe(
			'postgres://replica/lobby'
		);
	});
});
