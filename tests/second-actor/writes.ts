// A write detector for the test's own database: a row trigger on every table counts the rows
// inserted, updated or deleted, per table. A refused request must leave every count as it was. A
// rolled-back transaction rolls its counts back too, so only writes that stayed are seen.
import { sql } from 'drizzle-orm';
import { database, queryRows } from '#lib/server/db/client.ts';

const COUNTS = 'second_actor_writes';

export async function watchWrites(): Promise<void> {
	const { db } = database();
	const tables = await queryRows<{ name: string }>(
		db,
		sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`
	);
	await db.execute(sql.raw(`create table ${COUNTS} (table_name text primary key, n bigint not null)`));
	await db.execute(
		sql.raw(`create function ${COUNTS}_count() returns trigger language plpgsql as $$
			begin
				insert into ${COUNTS} values (TG_TABLE_NAME, 1) on conflict (table_name) do update set n = ${COUNTS}.n + 1;
				return null;
			end $$`)
	);
	for (const { name } of tables) {
		await db.execute(
			sql.raw(
				`create trigger ${COUNTS}_count after insert or update or delete on "${name}" for each row execute function ${COUNTS}_count()`
			)
		);
	}
}

export async function writeCounts(): Promise<Map<string, number>> {
	const rows = await queryRows<{ table_name: string; n: string | number }>(database().db, sql.raw(`select table_name, n from ${COUNTS}`));
	return new Map(rows.map((r) => [r.table_name, Number(r.n)]));
}

/** Tables whose rows changed between two readings, e.g. "bills (+1)". */
export function writesBetween(before: Map<string, number>, after: Map<string, number>): string[] {
	const changed: string[] = [];
	for (const [table, n] of after) {
		const delta = n - (before.get(table) ?? 0);
		if (delta !== 0) changed.push(`${table} (${delta} row change${delta === 1 ? '' : 's'})`);
	}
	return changed;
}
