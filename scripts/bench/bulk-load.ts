// A large generation loads its tables without their secondary indexes and builds them at the end:
// one sorted build per index instead of millions of random index inserts (how a restore loads a
// dump). The indexes come back exactly as the migrations defined them (pg_get_indexdef); primary
// keys and the indexes behind constraints stay. Built indexes are denser than ones grown row by
// row, so the figures on them are slightly kinder than on a database a year of traffic filled.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { db, queryRows, type Tx } from '../../src/lib/server/db/client.ts';

/** Drops the secondary indexes of `tables`; returns their definitions for createIndexes. */
export async function dropSecondaryIndexes(tables: readonly string[]): Promise<string[]> {
	const indexes = await queryRows<{ name: string; definition: string }>(
		db(),
		sql`select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
			from pg_index i
			where i.indrelid::regclass::text in (${sql.join(
				tables.map((t) => sql`${t}`),
				sql`, `
			)})
				and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
			order by 1`
	);
	for (const index of indexes) await db().execute(sql.raw(`drop index ${index.name}`));
	return indexes.map((i) => i.definition);
}

/** Builds the indexes, with room to sort in memory; logs each one's time. */
export async function createIndexes(definitions: readonly string[]): Promise<void> {
	await db().transaction(async (tx) => {
		await tx.execute(sql`set local maintenance_work_mem = '512MB'`);
		for (const definition of definitions) {
			const started = performance.now();
			await tx.execute(sql.raw(definition));
			console.log(`    ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  ${definition.replace(/ USING btree/, '')}`);
		}
	});
}

/**
 * A transaction that loads generated rows: room to hash and sort in memory, no JIT, no wait for
 * the WAL flush at commit, and — for a superuser — no foreign-key trigger per row
 * (session_replication_role = replica: the generators take every id from the rows they reference).
 */
export async function bulkTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
	const [{ superuser } = { superuser: false }] = await queryRows<{ superuser: boolean }>(
		db(),
		sql`select rolsuper as superuser from pg_roles where rolname = current_user`
	);
	return db().transaction(async (tx) => {
		await tx.execute(sql`set local work_mem = '256MB'`);
		await tx.execute(sql`set local jit = off`);
		await tx.execute(sql`set local synchronous_commit = off`);
		if (superuser) await tx.execute(sql`set local session_replication_role = replica`);
		return work(tx);
	});
}
