import { openDatabase, closeDatabase, type Database } from './client.ts';
import { migrate } from './migrate.ts';
import { ensureDefaultCalendar } from '../calendar/store.ts';
import { ensureDefaultDictionaries } from '../dictionaries/defaults.ts';
import { ensureDefaultFeeItems } from '../fees/defaults.ts';
import { ensureBillingRunScheduled } from '../fees/billing.ts';
import { ensureArrearsRemindersScheduled } from '../fees/arrears.ts';

let ready: Promise<Database> | undefined;

/** Opens the database and applies migrations once per process; closes it on shutdown. */
export function startDatabase(): Promise<Database> {
	ready ??= (async () => {
		const database = await openDatabase();
		await migrate(database);
		// SLA deadlines need opening hours; this keeps an admin's edits and only fills what is missing.
		await ensureDefaultCalendar(database.db);
		await ensureDefaultDictionaries(database.db);
		await ensureDefaultFeeItems(database.db);
		// The monthly billing run is a chain of durable jobs; this starts it once.
		await ensureBillingRunScheduled(database.db);
		// So is the daily arrears reminder run (催繳).
		await ensureArrearsRemindersScheduled(database.db);
		process.once('sveltekit:shutdown' as never, () => void closeDatabase());
		return database;
	})();
	ready.catch(() => (ready = undefined));
	return ready;
}
