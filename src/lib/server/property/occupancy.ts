/**
 * Who occupies a unit today: the one rule, used by every resident query, staff list, receipt and
 * join flow. An occupancy is current from its first day (startsOn) through its last (endsOn, or
 * open-ended), where "today" is the business date in the unit's estate (src/lib/time). The rule
 * is written twice on purpose — as a function for rows in hand and as SQL for queries — side by
 * side here and tested against each other (occupancy.db.test.ts).
 */
import { and, eq, gte, inArray, isNull, lte, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { businessToday, type BusinessDate } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { db, queryRows, type Executor } from '../db/client.ts';
import { remembered, type Prefetch } from '../kernel/request-memo.ts';
import { companyMembers, estates, occupancies, units } from '../db/schema/index.ts';

export interface OccupancyDates {
	startsOn: BusinessDate;
	endsOn: BusinessDate | null;
}

/** The rule for a row in hand: current on `day`, both ends included. */
export function isCurrentOn(occupancy: OccupancyDates, day: BusinessDate): boolean {
	return occupancy.startsOn <= day && (occupancy.endsOn === null || occupancy.endsOn >= day);
}

/**
 * The same rule as a condition on the occupancies table; `day` is a date or an SQL date expression.
 * SQL that runs inside the database (the archive's backfill and the billing run's filing) asks
 * archive_party_occupancy, which states it once more in SQL: archive/party-occupancy.db.test.ts
 * holds the two to the same answer on every boundary.
 */
export function currentOnSql(day: BusinessDate | SQL): SQL {
	const on = typeof day === 'string' ? sql`${day}::date` : day;
	return and(lte(occupancies.startsOn, on), or(isNull(occupancies.endsOn), gte(occupancies.endsOn, on)))!;
}

/** Today's business date in each estate (the estates table is small: read whole). */
export async function estateTodays(executor: Executor, now: Date = new Date()): Promise<Map<string, BusinessDate>> {
	const rows = await executor.select({ id: estates.id, timeZone: estates.timeZone }).from(estates);
	return new Map(rows.map((row) => [row.id, businessToday(row, now)]));
}

/**
 * "Today" for the estate in `estateIdColumn`, as an SQL date, from estateTodays(): lets a query
 * over several estates apply the rule with each estate's own date.
 */
export function todayInEstateSql(estateIdColumn: SQL | typeof units.estateId, todays: ReadonlyMap<string, BusinessDate>): SQL {
	const dates = new Set(todays.values());
	if (dates.size <= 1) return sql`${[...dates][0] ?? '1900-01-01'}::date`;
	const cases = [...todays].map(([estateId, day]) => sql`when ${estateId}::uuid then ${day}::date`);
	return sql`(case ${estateIdColumn} ${sql.join(cases, sql` `)} end)`;
}

/** Today in the unit's estate: the first day of an occupancy that begins now (joining, staff at the counter). */
export async function unitToday(executor: Executor, unitId: string, now: Date = new Date()): Promise<BusinessDate> {
	const [row] = await executor
		.select({ timeZone: estates.timeZone })
		.from(units)
		.innerJoin(estates, eq(estates.id, units.estateId))
		.where(eq(units.id, unitId));
	if (!row) throw new Error(`unitToday: no unit ${unitId}`);
	return businessToday(row, now);
}

/** An occupancy with its unit's estate, as the rest of the app uses it. */
export interface Occupancy extends OccupancyDates {
	id: string;
	unitId: string;
	estateId: string;
	/** The estate's zone: what today is for this occupancy, and the zone its unit's times are shown in. */
	timeZone: string;
	userId: string | null;
	companyId: string | null;
	role: 'owner' | 'renter';
}

const occupancyColumns = {
	id: occupancies.id,
	unitId: occupancies.unitId,
	estateId: units.estateId,
	timeZone: estates.timeZone,
	userId: occupancies.userId,
	companyId: occupancies.companyId,
	role: occupancies.role,
	startsOn: occupancies.startsOn,
	endsOn: occupancies.endsOn
};

function currentRows(rows: Occupancy[], now: Date): Occupancy[] {
	const todays = new Map<string, BusinessDate>();
	const today = (row: Occupancy) => {
		let day = todays.get(row.timeZone);
		if (!day) todays.set(row.timeZone, (day = businessToday(row, now)));
		return day;
	};
	return rows.filter((row) => isCurrentOn(row, today(row)));
}

/**
 * The occupancies of these units current today (each in its estate's zone), owners and renters,
 * people and companies, oldest first.
 */
export async function currentOccupancies(executor: Executor, unitIds: readonly string[], now: Date = new Date()): Promise<Occupancy[]> {
	if (unitIds.length === 0) return [];
	const rows = await executor
		.select(occupancyColumns)
		.from(occupancies)
		.innerJoin(units, eq(units.id, occupancies.unitId))
		.innerJoin(estates, eq(estates.id, units.estateId))
		.where(inArray(occupancies.unitId, [...unitIds]))
		.orderBy(occupancies.startsOn, occupancies.id);
	return currentRows(rows, now);
}

const HELD = Symbol('actorOccupancies');

/**
 * Of the occupancies of one unit the actor holds, the one it acts for — whose case a filing
 * becomes, whose household a new record joins: its own in person first, else its company's.
 */
export function actingOccupancy<T extends { companyId: string | null }>(heldInUnit: readonly T[]): T | undefined {
	return heldInUnit.find((o) => o.companyId === null) ?? heldInUnit[0];
}

/**
 * The occupancies the actor holds today — in person, or through a resident company it belongs to.
 * Every resident query starts here: a case, a household or a bill is the actor's only through one
 * of these. Read once per read-only request (the actor's memo): a page asks several services, and
 * each asks this first. Inside a transaction, or for another moment, it always reads afresh.
 */
export function actorOccupancies(executor: Executor, actor: Pick<Actor, 'userId' | 'memo'>, now?: Date): Promise<readonly Occupancy[]> {
	if (now || executor !== db()) return readActorOccupancies(executor, actor, now ?? new Date());
	return remembered(actor.memo, HELD, () => readActorOccupancies(executor, actor, new Date()));
}

/**
 * The occupancies a user holds in person or through its companies, as JSON text, oldest first:
 * a scalar subquery, so that it can also be read along with the request's session. Two branches,
 * not one `or`: with it the planner scanned every occupancy.
 */
function heldJson(userId: SQL | AnyColumn): SQL {
	const columns = sql`${occupancies.id} as id, ${occupancies.unitId} as "unitId", ${units.estateId} as "estateId",
		${estates.timeZone} as "timeZone", ${occupancies.userId} as "userId", ${occupancies.companyId} as "companyId",
		${occupancies.role} as role, ${occupancies.startsOn} as "startsOn", ${occupancies.endsOn} as "endsOn"`;
	const withPlace = sql`join ${units} on ${units.id} = ${occupancies.unitId} join ${estates} on ${estates.id} = ${units.estateId}`;
	return sql`(select coalesce(json_agg(r order by r."startsOn", r.id), '[]')::text from (
		select ${columns} from ${occupancies} ${withPlace} where ${occupancies.userId} = ${userId}
		union
		select ${columns} from ${companyMembers} join ${occupancies} on ${occupancies.companyId} = ${companyMembers.companyId} ${withPlace}
			where ${companyMembers.userId} = ${userId}
	) r)`;
}

const heldRows = (json: unknown, now: Date) => currentRows(JSON.parse(json as string) as Occupancy[], now);

/** actorOccupancies read along with the request's session (boot/request-session.ts). */
export const heldOccupancies: Prefetch<readonly Occupancy[]> = {
	key: HELD,
	column: heldJson,
	read: (json) => heldRows(json, new Date())
};

async function readActorOccupancies(executor: Executor, actor: Pick<Actor, 'userId'>, now: Date): Promise<Occupancy[]> {
	const [row] = await queryRows<{ held: string }>(executor, sql`select ${heldJson(sql`${actor.userId}::uuid`)} as held`);
	return heldRows(row!.held, now);
}
