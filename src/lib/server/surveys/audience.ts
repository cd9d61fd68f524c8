/**
 * Who a survey goes to: the occupancies current today (each estate's own today) in the chosen
 * estates and buildings — one recipient per occupancy, a household or a company. Read in keyset
 * pages (by occupancy id) so the sending job can go on from where a restart left it.
 */
import { and, count, eq, gt, inArray, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { occupancies, units, type SurveyAudience } from '../db/schema/index.ts';
import { currentOnSql, estateTodays, todayInEstateSql } from '../property/occupancy.ts';

async function audienceWhere(executor: Executor, audience: SurveyAudience, now: Date): Promise<SQL> {
	const todays = await estateTodays(executor, now);
	return and(
		currentOnSql(todayInEstateSql(units.estateId, todays)),
		audience.estateIds.length ? inArray(units.estateId, audience.estateIds) : undefined,
		audience.buildingIds.length ? inArray(units.buildingId, audience.buildingIds) : undefined
	)!;
}

/** How many occupancies the audience has today. */
export async function audienceSize(executor: Executor, audience: SurveyAudience, now = new Date()): Promise<number> {
	const [row] = await executor
		.select({ n: count() })
		.from(occupancies)
		.innerJoin(units, eq(units.id, occupancies.unitId))
		.where(await audienceWhere(executor, audience, now));
	return row!.n;
}

/** The next page of the audience after `afterOccupancyId` (null: from the start), by occupancy id. */
export async function audiencePage(
	executor: Executor,
	audience: SurveyAudience,
	afterOccupancyId: string | null,
	limit: number,
	now = new Date()
) {
	return executor
		.select({
			occupancyId: occupancies.id,
			userId: occupancies.userId,
			companyId: occupancies.companyId,
			estateId: units.estateId,
			buildingId: units.buildingId
		})
		.from(occupancies)
		.innerJoin(units, eq(units.id, occupancies.unitId))
		.where(and(await audienceWhere(executor, audience, now), afterOccupancyId ? gt(occupancies.id, afterOccupancyId) : undefined))
		.orderBy(occupancies.id)
		.limit(limit);
}
