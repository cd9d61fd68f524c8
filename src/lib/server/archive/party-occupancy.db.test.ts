import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../db/client.ts';
import { occupancies } from '../db/schema/index.ts';
import { currentOnSql } from '../property/occupancy.ts';
import { building, company, estate, occupy, residentUser, unitsIn } from '../property/testing/fixtures.ts';
import { partyOccupancy } from './party-occupancy.ts';

/**
 * The database function archive_party_occupancy (drizzle/0022_issue14.sql) files the billing
 * run's bills and the backfill's records; it must say what property/occupancy.ts says about who
 * held a unit on a day. Compared on every boundary of a unit with back-to-back, overlapping and
 * open-ended occupancies.
 */
describe('whose part a party record belongs in', () => {
	it('is the occupancy the one occupancy rule names for that day, the latest begun when two overlap', async () => {
		const e = await estate();
		const [unit] = await unitsIn(await building(e.id, 'A'), 1);
		const owner = await residentUser('Owner');
		const first = await company('First renter Ltd');
		const second = await company('Second renter Ltd');
		await occupy(unit!.id, { userId: owner.id }, 'owner', '2020-01-01');
		await occupy(unit!.id, { companyId: first.id }, 'renter', '2023-03-01', '2024-02-29');
		// Signed before the first left: a day of overlap, then open-ended.
		await occupy(unit!.id, { companyId: second.id }, 'renter', '2024-02-29');

		const days = ['2019-12-31', '2020-01-01', '2023-02-28', '2023-03-01', '2024-02-28', '2024-02-29', '2024-03-01', '2026-12-04'];
		for (const party of ['owner', 'renter'] as const)
			for (const day of days) {
				const [byRule] = await db()
					.select({ id: occupancies.id })
					.from(occupancies)
					.where(and(eq(occupancies.unitId, unit!.id), eq(occupancies.role, party), currentOnSql(day)))
					.orderBy(desc(occupancies.startsOn))
					.limit(1);
				expect(await partyOccupancy(db(), unit!.id, party, day), `${party} on ${day}`).toBe(byRule?.id ?? null);
			}
	});
});
