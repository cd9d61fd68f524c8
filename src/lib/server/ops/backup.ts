/**
 * Backup and restore (npm run backup / npm run restore): the database and the stored files, into a
 * folder and back. PostgreSQL is dumped with pg_dump (custom format) and restored with pg_restore
 * into an empty database; the embedded database is dumped as PGlite's own data-directory archive
 * and restored into an empty data directory. Files are copied key by key from whichever storage
 * backend is configured (a directory or a bucket) to files/<key>, and put back the same way.
 *
 * The database is dumped first, the files second: every file the dump names is still stored then,
 * because bytes are removed only by the orphan reaper, for rows deleted days earlier (files/reaper.ts).
 * Files stored after the dump are copied too; with no row in the restored database, the reaper
 * removes them there in time.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../db/client.ts';
import { isStorageKey, type FileStorage } from '../storage/storage.ts';

export interface BackupManifest {
	format: 1;
	createdAt: string;
	database: 'postgresql' | 'pglite';
	files: number;
	bytes: number;
}

const manifestName = 'manifest.json';
const dumpName = { postgresql: 'database.dump', pglite: 'database.tar.gz' } as const;

/** Runs a PostgreSQL client tool; its error output becomes the error. */
function run(command: string, args: string[]): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (${code}): ${stderr.trim()}`))));
	});
}

/** Writes a backup of `database` and `storage` into `folder`, which must be new or empty. */
export async function backup(folder: string, database: Database, storage: FileStorage, now = new Date()): Promise<BackupManifest> {
	await fsp.mkdir(folder, { recursive: true });
	if ((await fsp.readdir(folder)).length) throw new Error(`${folder} is not empty: a backup goes into a new folder.`);
	const dump = path.join(folder, dumpName[database.kind]);
	if (database.kind === 'postgresql') {
		await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${dump}`, `--dbname=${database.url}`]);
	} else {
		const client = (database.db as unknown as { $client: { dumpDataDir(compression: 'gzip'): Promise<Blob> } }).$client;
		await fsp.writeFile(dump, Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer()));
	}
	const filesDir = path.join(folder, 'files');
	await fsp.mkdir(filesDir);
	let files = 0;
	let bytes = 0;
	for await (const { key } of storage.list()) {
		const stored = await storage.get(key);
		if (!stored) continue; // removed by the reaper while we listed
		const content = Buffer.from(await new Response(stored.body).arrayBuffer());
		await fsp.writeFile(path.join(filesDir, key), content);
		files += 1;
		bytes += content.length;
	}
	const manifest: BackupManifest = { format: 1, createdAt: now.toISOString(), database: database.kind, files, bytes };
	await fsp.writeFile(path.join(folder, manifestName), JSON.stringify(manifest, null, '\t') + '\n');
	return manifest;
}

/** What a backup folder holds, checked: its manifest, or an error saying what is wrong with it. */
export async function readBackup(folder: string): Promise<BackupManifest> {
	const file = path.join(folder, manifestName);
	if (!fs.existsSync(file)) throw new Error(`${folder} holds no backup (no ${manifestName}).`);
	const manifest = JSON.parse(await fsp.readFile(file, 'utf8')) as BackupManifest;
	if (manifest.format !== 1 || !fs.existsSync(path.join(folder, dumpName[manifest.database])))
		throw new Error(`${folder} is not a complete backup of this version.`);
	return manifest;
}

export type RestoreTarget = { kind: 'postgresql'; url: string } | { kind: 'pglite'; dataDir: string };

/**
 * Restores a backup into an empty database (a new PostgreSQL database, or a new PGlite data
 * directory) and an empty storage. The restored database is opened by the app as usual: its
 * migrations are the backup's, and newer ones run at start.
 */
export async function restore(folder: string, target: RestoreTarget, storage: FileStorage): Promise<BackupManifest> {
	const manifest = await readBackup(folder);
	if (manifest.database !== target.kind)
		throw new Error(
			`This is a backup of ${manifest.database === 'pglite' ? 'the embedded database' : 'PostgreSQL'}: restore it into the same kind.`
		);
	const dump = path.join(folder, dumpName[manifest.database]);
	if (target.kind === 'postgresql') {
		const { default: postgres } = await import('postgres');
		const client = postgres(target.url, { max: 1, onnotice: () => {} });
		try {
			const [row] = await client<{ n: number }[]>`select count(*)::int as n from pg_tables where schemaname = 'public'`;
			if (row!.n > 0) throw new Error('The target database is not empty: restore into a new database (createdb).');
		} finally {
			await client.end({ timeout: 5 });
		}
		await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${target.url}`, dump]);
	} else {
		if (fs.existsSync(target.dataDir) && (await fsp.readdir(target.dataDir)).length)
			throw new Error(`${target.dataDir} is not empty: restore the embedded database into a new folder.`);
		const { openPglite } = await import('../db/client.ts');
		const restored = await openPglite(target.dataDir, await fs.openAsBlob(dump));
		await restored.close();
	}
	const filesDir = path.join(folder, 'files');
	for (const key of await fsp.readdir(filesDir)) {
		if (!isStorageKey(key)) continue;
		// The type is the files row's to say: downloads answer with it, not with the stored object's.
		await storage.put(key, new Uint8Array(await fsp.readFile(path.join(filesDir, key))), 'application/octet-stream');
	}
	return manifest;
}
