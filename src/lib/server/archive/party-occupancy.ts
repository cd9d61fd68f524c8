/**
 * Whose part of the unit's file a party's record belongs in, when the record names a party (the
 * owner, the renter) rather than an occupancy: that party's occupancy on the record's day (the
 * latest begun, if two overlap). The rule is the database function archive_party_occupancy
 * (drizzle/0022_issue14.sql), which the backfill uses too; the billing run calls it in the
 * statement that writes its bills.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.ts';

export function partyOccupancySql(unitId: SQL, party: SQL, day: SQL): SQL {
	return sql`archive_party_occupancy(${unitId}, ${party}, ${day})`;
}

/** The same for one record in hand. */
export async function partyOccupancy(executor: Executor, unitId: string, party: 'owner' | 'renter', day: string): Promise<string | null> {
	const [row] = await queryRows<{ id: string | null }>(
		executor,
		sql`select ${partyOccupancySql(sql`${unitId}::uuid`, sql`${party}::occupancy_role`, sql`${day}::date`)} as id`
	);
	return row?.id ?? null;
}
