/**
 * Planner statistics for the embedded database. PostgreSQL's autovacuum keeps them fresh; PGlite
 * runs no autovacuum, so without this its planner never has any and guesses every table's
 * contents: on the demo data plus 10 000 units of history it chose sequential scans and hash joins
 * over 100 000-row tables for lookups of one resident's rows (the bills page spent ~0.4 s in one
 * statement; with statistics it takes under a millisecond). PGlite keeps no record of changes
 * across restarts either, so a table counts as stale when it was never analyzed or has grown by a
 * fifth since (its size on disk against the pages the last ANALYZE saw).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from './client.ts';

/** Analyzes the embedded database's stale tables and returns their names; PostgreSQL is left to autovacuum. */
export async function refreshStatistics(database: Database): Promise<string[]> {
	if (database.kind !== 'pglite') return [];
	const stale = await queryRows<{ name: string }>(
		database.db,
		sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = 'public' and c.relkind = 'r'
				and (c.reltuples < 0 or pg_relation_size(c.oid) / current_setting('block_size')::int > c.relpages * 1.2 + 8)
			order by c.relname`
	);
	if (stale.length === 0) return [];
	const names = stale.map((t) => t.name);
	await database.db.execute(sql.raw(`analyze ${names.map((name) => `"${name.replaceAll('"', '""')}"`).join(', ')}`));
	return names;
}
