// npm run backup -- <folder> — the database and the stored files into a new folder (src/lib/server/ops/backup.ts).
// The embedded database admits one process: stop the portal first (PostgreSQL needs no stop).
import path from 'node:path';

const folder = process.argv[2];
if (!folder) {
	console.error('Usage: npm run backup -- <new folder>');
	process.exit(2);
}
if ((await import('node:fs')).existsSync('.env')) process.loadEnvFile('.env');
const { configOrExit } = await import('../src/lib/server/config.ts');
configOrExit();
const { openDatabase, closeDatabase } = await import('../src/lib/server/db/client.ts');
const { storage } = await import('../src/lib/server/storage/configured.ts');
const { backup } = await import('../src/lib/server/ops/backup.ts');
try {
	const manifest = await backup(path.resolve(folder), await openDatabase(), storage());
	console.log(
		`Backed up the ${manifest.database === 'pglite' ? 'embedded database' : 'PostgreSQL database'} and ${manifest.files} files (${(manifest.bytes / 1e6).toFixed(1)} MB) into ${path.resolve(folder)}.`
	);
} catch (err) {
	console.error(`Backup failed: ${err instanceof Error ? err.message : String(err)}`);
	process.exitCode = 1;
} finally {
	await closeDatabase();
}
