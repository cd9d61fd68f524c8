/**
 * Who a survey goes to: the occupancies current today (each estate's own today) in the chosen
 * estates and buildings (and, when chosen, held by the members of customer segments) — one recipient per occupancy, a household or a company; or, when the
 * survey asks per person, one per occupant in person and one per member of an occupying company.
 * Read in keyset pages (by occupancy id) so the sending job can go on from where a restart left it.
 */
import { and, count, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { companyMembers, occupancies, units, type SurveyAudience } from '../db/schema/index.ts';
import { currentOnSql, estateTodays, todayInEstateSql } from '../property/occupancy.ts';
import { segmentOccupanciesSql } from '../customers/segments.ts';

async function audienceWhere(executor: Executor, audience: SurveyAudience, now: Date): Promise<SQL> {
	const todays = await estateTodays(executor, now);
	const segmentIds = audience.segmentIds ?? [];
	return and(
		currentOnSql(todayInEstateSql(units.estateId, todays)),
		audience.estateIds.length ? inArray(units.estateId, audience.estateIds) : undefined,
		audience.buildingIds.length ? inArray(units.buildingId, audience.buildingIds) : undefined,
		segmentIds.length
			? await segmentOccupanciesSql(executor, segmentIds, audience.estateIds.length ? audience.estateIds : null, todays)
			: undefined
	)!;
}

/** How many recipients the audience has today: occupancies, or people when the survey asks per person. */
export async function audienceSize(
	executor: Executor,
	audience: SurveyAudience,
	respondent: 'occupancy' | 'person',
	now = new Date()
): Promise<number> {
	const people = sql<number>`coalesce(sum(case when ${occupancies.userId} is not null then 1 else
		(select count(*) from ${companyMembers} where ${companyMembers.companyId} = ${occupancies.companyId}) end), 0)`.mapWith(Number);
	const [row] = await executor
		.select({ n: respondent === 'person' ? people : count() })
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
			unitId: occupancies.unitId,
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
