// npm run create-admin -- --email you@example.com --name "Your Name" [--company "Your Company"]
//
// Creates an admin account in the configured database (DATABASE_URL, else PGlite in PGLITE_DIR)
// with a generated password, printed once. For an installation without demo data: the first
// admin then invites every colleague from /staff/admin/staff. --company names the management
// company when the database has none yet.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

process.chdir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
// Settings may live in .env (see .env.example); the real environment wins.
if (fs.existsSync('.env')) process.loadEnvFile('.env');

const usage = 'Usage: npm run create-admin -- --email you@example.com --name "Your Name" [--company "Your Company"]';
let options: { email?: string; name?: string; company?: string };
try {
	({ values: options } = parseArgs({
		options: { email: { type: 'string' }, name: { type: 'string' }, company: { type: 'string' } },
		strict: true
	}));
} catch (err) {
	console.error(`${err instanceof Error ? err.message : String(err)}\n${usage}`);
	process.exit(2);
}
if (!options.email || !options.name) {
	console.error(usage);
	process.exit(2);
}

const { configOrExit } = await import('../src/lib/server/config.ts');
const settings = configOrExit();

const { openDatabase, closeDatabase } = await import('../src/lib/server/db/client.ts');
const { migrate } = await import('../src/lib/server/db/migrate.ts');
const { createAdmin, FirstAdminError } = await import('../src/lib/server/boot/first-admin.ts');

const database = await openDatabase();
try {
	await migrate(database);
	const admin = await createAdmin(database.db, { email: options.email, name: options.name, company: options.company });
	console.log(
		[
			`Created the admin account ${admin.email}${admin.companyCreated ? ` and the management company "${options.company}"` : ''}.`,
			`  Password: ${admin.password}`,
			`  It is shown only this once. Sign in at ${settings.origin}/login and change it under Profile.`
		].join('\n')
	);
} catch (err) {
	if (!(err instanceof FirstAdminError)) throw err;
	console.error(err.message);
	process.exitCode = 1;
} finally {
	await closeDatabase();
}
