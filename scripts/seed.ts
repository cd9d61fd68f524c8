// npm run seed — migrates the configured database (DATABASE_URL, else PGlite in PGLITE_DIR or
// ./data/pglite) and loads the demo data if it is empty. The demo accounts share a published
// password, so PostgreSQL gets them only when asked for explicitly (SEED=demo; see seedDemo).
import fs from 'node:fs';

// Settings may live in .env (see .env.example); the real environment wins.
if (fs.existsSync('.env')) process.loadEnvFile('.env');
const { configOrExit } = await import('../src/lib/server/config.ts');
configOrExit();
const { closeDatabase, openDatabase } = await import('../src/lib/server/db/client.ts');
const { migrate } = await import('../src/lib/server/db/migrate.ts');
const { DEMO_PASSWORD, describeSeed, seedDemo } = await import('../src/lib/server/seed/demo.ts');

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
