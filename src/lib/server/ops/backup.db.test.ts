import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUrl } from '../../../../tests/test-database.ts';
import { database, openPglite, openPostgres, queryRows, type Database } from '../db/client.ts';
import { storeFile } from '../files/service.ts';
import { useStorage } from '../storage/configured.ts';
import { localDirectoryStorage } from '../storage/local-directory.ts';
import type { FileStorage } from '../storage/storage.ts';
import { backup, readBackup, restore } from './backup.ts';
import { useDemoData } from '../../../../tests/demo-database.ts';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'lobby-backup-'));
const source = localDirectoryStorage(path.join(temp, 'files'));
const restoredName = `lobby_restored_${process.pid}_${Date.now().toString(36)}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const opened: Database[] = [];

beforeAll(async () => {
	useStorage(source);
	await useDemoData();
	// Photos on two repairs and a drawing-sized document: the demo itself stores no files.
	const orders = await queryRows<{ id: string }>(database().db, sql`select id from repair_orders order by id limit 2`);
	for (const [i, order] of orders.entries())
		await storeFile(
			database().db,
			{ data: new Uint8Array(2000 + i).fill(i + 1), contentType: 'image/jpeg', ownerId: null },
			{ type: 'repair', id: order.id }
		);
	await storeFile(
		database().db,
		{ data: new Uint8Array(3_000_000).fill(9), contentType: 'application/pdf', ownerId: null },
		{ type: 'repair', id: orders[0]!.id }
	);
});
afterAll(async () => {
	await Promise.all(opened.map((d) => d.close()));
	await admin.unsafe(`drop database if exists ${restoredName} with (force)`);
	await admin.end();
	fs.rmSync(temp, { recursive: true, force: true });
});

/** What a manager would check after a restore: the cases, the bills, the files and the ledger's totals. */
async function figures(db: Database['db']) {
	const [row] = await queryRows<Record<string, string | number>>(
		db,
		sql`select (select count(*) from repair_orders)::int as repairs, (select count(*) from complaints)::int as complaints,
			(select count(*) from bills)::int as bills, (select count(*) from files)::int as files,
			(select coalesce(sum(amount_minor), 0)::text from ledger_entries) as ledger,
			(select count(*) from events)::int as events,
			(select string_agg(storage_key || ':' || sha256, ',' order by storage_key) from files) as stored`
	);
	return row!;
}

async function sha256Of(storage: FileStorage, key: string) {
	const stored = await storage.get(key);
	return stored
		? createHash('sha256')
				.update(Buffer.from(await new Response(stored.body).arrayBuffer()))
				.digest('hex')
		: null;
}

describe('backup and restore', () => {
	it('round-trips the database and the stored files: the restored portal has the same cases, bills, files and ledger totals', async () => {
		const before = await figures(database().db);
		expect(before.repairs).toBeGreaterThan(0);
		expect(before.bills).toBeGreaterThan(0);
		expect(before.files).toBe(3);

		const folder = path.join(temp, 'backup');
		const manifest = await backup(folder, database(), source);
		expect(manifest).toMatchObject({ format: 1, database: database().kind, files: before.files });
		expect(await readBackup(folder)).toEqual(manifest);

		const restoredFiles = localDirectoryStorage(path.join(temp, 'restored-files'));
		let restored: Database;
		if (database().kind === 'postgresql') {
			await admin.unsafe(`create database ${restoredName}`);
			const url = adminUrl.replace(/\/[^/]*$/, `/${restoredName}`);
			await restore(folder, { kind: 'postgresql', url }, restoredFiles);
			restored = await openPostgres(url);
		} else {
			const dataDir = path.join(temp, 'restored-pglite');
			await restore(folder, { kind: 'pglite', dataDir }, restoredFiles);
			restored = await openPglite(dataDir);
		}
		opened.push(restored);

		expect(await figures(restored.db)).toEqual(before);
		// Every file the restored database names is there, byte for byte.
		const rows = await queryRows<{ storage_key: string; sha256: string }>(restored.db, sql`select storage_key, sha256 from files`);
		for (const row of rows) expect(await sha256Of(restoredFiles, row.storage_key)).toBe(row.sha256);
	});

	it('refuses a folder that holds something already, or no backup, and a backup of the other kind of database', async () => {
		const busy = path.join(temp, 'busy');
		fs.mkdirSync(busy);
		fs.writeFileSync(path.join(busy, 'notes.txt'), 'mine');
		await expect(backup(busy, database(), source)).rejects.toThrow(/not empty/);
		await expect(readBackup(busy)).rejects.toThrow(/holds no backup/);
		const other =
			database().kind === 'postgresql'
				? ({ kind: 'pglite', dataDir: path.join(temp, 'never') } as const)
				: ({ kind: 'postgresql', url: 'postgres://nowhere/x' } as const);
		await expect(restore(path.join(temp, 'backup'), other, source)).rejects.toThrow(/restore it into the same kind/);
	});
});
