// npm run restore -- <folder> — a backup into the configured database and storage, which must be new:
// DATABASE_URL names an empty PostgreSQL database (createdb), or PGLITE_DIR an empty folder; files go to
// STORAGE_DIR or the S3 bucket. Then npm start runs the portal on it (src/lib/server/ops/backup.ts).
import path from 'node:path';

const folder = process.argv[2];
if (!folder) {
	console.error('Usage: npm run restore -- <backup folder>');
	process.exit(2);
}
if ((await import('node:fs')).existsSync('.env')) process.loadEnvFile('.env');
const { configOrExit } = await import('../src/lib/server/config.ts');
const settings = configOrExit();
const { storage } = await import('../src/lib/server/storage/configured.ts');
const { restore } = await import('../src/lib/server/ops/backup.ts');
try {
	const target = settings.database.url
		? ({ kind: 'postgresql', url: settings.database.url } as const)
		: ({ kind: 'pglite', dataDir: settings.database.pgliteDir } as const);
	const manifest = await restore(path.resolve(folder), target, storage());
	console.log(`Restored the backup of ${manifest.createdAt} (${manifest.files} files). Start the portal with npm start.`);
} catch (err) {
	console.error(`Restore failed: ${err instanceof Error ? err.message : String(err)}`);
	process.exitCode = 1;
}
