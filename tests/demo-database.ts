// The demo data for an integration file, cheaply: on PGlite a worker seeds it once, keeps a snapshot
// of the seeded data directory, and starts each later file that asks for it from a copy (~0.5 s)
// instead of seeding again (5–8 s: the demo's people, cases and a billing run). The copy becomes the
// file's database; the file's afterAll (tests/setup-db.ts) closes it. On PostgreSQL each file seeds
// its own copy of the template, as before.
import { database, openPglite, useDatabase, type Database } from '../src/lib/server/db/client.ts';
import { seedDemo, type SeedOutcome } from '../src/lib/server/seed/demo.ts';

let snapshot: Promise<Blob> | undefined;

/** Fills this file's (empty) database with the demo data; what seedDemo says it did. */
export async function useDemoData(): Promise<SeedOutcome | { seeded: true; fromSnapshot: true }> {
	const current = database();
	if (current.kind !== 'pglite') return seedDemo(current);
	if (snapshot) {
		const copy: Database = await openPglite(undefined, await snapshot);
		useDatabase(copy);
		return { seeded: true, fromSnapshot: true };
	}
	const outcome = await seedDemo(current);
	const client = (current.db as unknown as { $client: { dumpDataDir(compression: 'none'): Promise<Blob> } }).$client;
	snapshot = client.dumpDataDir('none');
	snapshot.catch(() => (snapshot = undefined));
	await snapshot;
	return outcome;
}
