// npm run seed — migrates the configured database (DATABASE_URL, else PGlite in PGLITE_DIR or
// ./data/pglite) and loads the demo data if it is empty.
import fs from 'node:fs';
import { closeDatabase, openDatabase } from '../src/lib/server/db/client.ts';
import { migrate } from '../src/lib/server/db/migrate.ts';
import { DEMO_PASSWORD, describeSeed, seedDemo } from '../src/lib/server/seed/demo.ts';

// Settings may live in .env (see .env.example); the real environment wins.
if (fs.existsSync('.env')) process.loadEnvFile('.env');
const started = performance.now();
const database = await openDatabase();
try {
	await migrate(database);
	const outcome = await seedDemo(database);
	console.log(describeSeed(outcome));
	if (outcome.seeded) {
		console.log(`Every demo account signs in with the password ${DEMO_PASSWORD} (logins: see README.md).`);
	}
	console.log(`(${database.kind}, ${Math.round(performance.now() - started)} ms)`);
} finally {
	await closeDatabase();
}
