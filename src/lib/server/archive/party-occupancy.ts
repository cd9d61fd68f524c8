/**
 * Whose part of the unit's file a party's record belongs in, when the record names a party (the
 * owner, the renter) rather than an occupancy: that party's occupancy on the record's day (the
 * latest begun, if two overlap). As SQL, so the billing run files its bills in the same statement
 * that writes them; docs/extra-sql/archive.sql's backfill says the same.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.ts';

export function partyOccupancySql(unitId: SQL, party: SQL, day: SQL): SQL {
	return sql`(select o.id from occupancies o
		where o.unit_id = ${unitId} and o.role = ${party} and o.starts_on <= ${day} and (o.ends_on is null or o.ends_on >= ${day})
		order by o.starts_on desc limit 1)`;
}

/** The same for one record in hand. */
export async function partyOccupancy(executor: Executor, unitId: string, party: 'owner' | 'renter', day: string): Promise<string | null> {
	const [row] = await queryRows<{ id: string | null }>(
		executor,
		sql`select ${partyOccupancySql(sql`${unitId}::uuid`, sql`${party}::occupancy_role`, sql`${day}::date`)} as id`
	);
	return row?.id ?? null;
}
