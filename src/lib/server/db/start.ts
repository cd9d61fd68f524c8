import { openDatabase, closeDatabase, type Database } from './client.ts';
import { migrate } from './migrate.ts';

let ready: Promise<Database> | undefined;

/**
 * Opens the database and applies migrations once per process; closes it on shutdown. What the
 * app needs in it beyond the schema (default data, recurring jobs) is wired by boot/boot.ts.
 */
export function startDatabase(): Promise<Database> {
	ready ??= (async () => {
		const database = await openDatabase();
		await migrate(database);
		process.once('sveltekit:shutdown' as never, () => void closeDatabase());
		return database;
	})();
	ready.catch(() => (ready = undefined));
	return ready;
}
