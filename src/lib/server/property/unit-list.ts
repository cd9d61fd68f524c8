import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { db, type Executor } from '../db/client.ts';
import { buildings, estates, floors, units } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { unitUses, type OccupancyRole, type UnitUse } from '#lib/schemas/registry.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { escapeLike } from '#lib/server/kernel/text-match.ts';
import { inActorEstates, requireStaff } from '../auth/guards.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { currentOccupancies, currentOnSql, estateTodays, todayInEstateSql } from './occupancy.ts';
import { partyNames } from './party-names.ts';
import type { BusinessDate } from '#lib/time/index.ts';

export const UNIT_PAGE_SIZE = 50;
const SEARCH_MAX = 100;

export interface UnitListFilters {
	/** A unit-number prefix, or part of a current occupant's name, email or company name. */
	q: string;
	estateId: string | null;
	buildingId: string | null;
	use: UnitUse | null;
	occupancy: 'occupied' | 'vacant' | null;
	cursor: string | null;
}

export interface UnitListRow {
	id: string;
	number: string;
	areaM2: string;
	use: UnitUse;
	estateCode: string;
	buildingCode: string;
	buildingName: string;
	floorLevel: number;
	floorLabel: string;
	occupants: { name: string; role: OccupancyRole; isCompany: boolean }[];
}

export interface UnitListPage {
	rows: UnitListRow[];
	/** Opaque key of the page after this one; null on the last page. */
	nextCursor: string | null;
}

/** Query-string filters, leniently: an unknown value is dropped rather than refused. */
export function unitListFilters(params: URLSearchParams): UnitListFilters {
	const id = (name: string) => {
		const value = params.get(name);
		return isUuid(value) ? value : null;
	};
	const use = params.get('use');
	const occupancy = params.get('occupancy');
	return {
		q: (params.get('q') ?? '').trim().slice(0, SEARCH_MAX),
		estateId: id('estate'),
		buildingId: id('building'),
		use: unitUses.includes(use as UnitUse) ? (use as UnitUse) : null,
		occupancy: occupancy === 'occupied' || occupancy === 'vacant' ? occupancy : null,
		cursor: params.get('cursor')
	};
}

/**
 * Units whose number starts with q, or with a current occupant whose name, email or company
 * name contains q. Each branch can use its own index (lower(number) pattern ops; pg_trgm on
 * names and emails, which the planner takes when the pattern is selective), and the matching
 * ids are joined to the page query once instead of testing the search on every unit.
 * "Current" is the one occupancy rule, on each estate's own date (`today`).
 */
function matching(q: string, today: SQL): SQL {
	const term = escapeLike(q.toLowerCase());
	const prefix = `${term}%`;
	const part = `%${term}%`;
	const current = currentOnSql(today);
	return sql`${units.id} in (
		select u2.id from units u2 where lower(u2.number) like ${prefix}
		union
		select occupancies.unit_id from occupancies join units ou on ou.id = occupancies.unit_id join users p on p.id = occupancies.user_id
		 where ${current} and (p.name ilike ${part} or p.email like ${part})
		union
		select occupancies.unit_id from occupancies join units ou on ou.id = occupancies.unit_id join resident_companies c on c.id = occupancies.company_id
		 where ${current} and c.name ilike ${part}
	)`;
}

/** The unit has a current occupancy (the one rule, on its estate's date). */
const occupied = (today: SQL) => sql`exists (select 1 from occupancies where occupancies.unit_id = ${units.id} and ${currentOnSql(today)})`;

/**
 * One page of the staff unit list, ordered by building code, floor, unit number and id,
 * continuing after `filters.cursor` (keyset pagination: no OFFSET, so page 2,000 costs what
 * page 1 does). The planner walks buildings in code order (buildings_code) and each building's
 * units by index, sorting one building at a time.
 */
export async function listUnits(
	actor: Actor,
	filters: UnitListFilters,
	executor: Executor = db(),
	now: Date = new Date()
): Promise<UnitListPage> {
	requireStaff(actor, 'registry.read');
	const rows = await unitPageQuery(actor, filters, await estateTodays(executor, now), executor);
	const page = rows.slice(0, UNIT_PAGE_SIZE);
	const last = page.at(-1);
	const occupants = await currentOccupants(
		executor,
		page.map((r) => r.id),
		now
	);
	return {
		rows: page.map((r) => ({ ...r, occupants: occupants.get(r.id) ?? [] })),
		nextCursor: rows.length > UNIT_PAGE_SIZE && last ? encodeCursor(last) : null
	};
}

/**
 * The page query itself (one row more than a page, to know whether another follows); the benchmark
 * EXPLAINs it. `todays` is estateTodays(): the occupancy filters use each estate's own date.
 */
export function unitPageQuery(
	actor: Actor,
	filters: UnitListFilters,
	todays: ReadonlyMap<string, BusinessDate>,
	executor: Executor = db()
) {
	requireStaff(actor, 'registry.read');
	const after = decodeCursor(filters.cursor);
	const today = todayInEstateSql(sql`ou.estate_id`, todays);
	const unitToday = todayInEstateSql(units.estateId, todays);
	const where = and(
		inActorEstates(actor, units.estateId),
		filters.estateId ? eq(units.estateId, filters.estateId) : undefined,
		filters.buildingId ? eq(units.buildingId, filters.buildingId) : undefined,
		filters.use ? eq(units.use, filters.use) : undefined,
		filters.occupancy === 'occupied' ? occupied(unitToday) : filters.occupancy === 'vacant' ? sql`not ${occupied(unitToday)}` : undefined,
		filters.q ? matching(filters.q, today) : undefined,
		after
			? and(
					// The first conjunct lets the planner start the building scan at the cursor.
					sql`${buildings.code} >= ${after.buildingCode}`,
					sql`(${buildings.code}, ${floors.level}, ${units.number}, ${units.id}) > (${after.buildingCode}, ${after.floorLevel}::int, ${after.number}, ${after.id}::uuid)`
				)
			: undefined
	);
	return executor
		.select({
			id: units.id,
			number: units.number,
			areaM2: units.areaM2,
			use: units.use,
			estateCode: estates.code,
			buildingCode: buildings.code,
			buildingName: buildings.name,
			floorLevel: floors.level,
			floorLabel: floors.label
		})
		.from(units)
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(estates, eq(estates.id, units.estateId))
		.innerJoin(floors, eq(floors.id, units.floorId))
		.where(where)
		.orderBy(asc(buildings.code), asc(floors.level), asc(units.number), asc(units.id))
		.limit(UNIT_PAGE_SIZE + 1);
}

/** The current occupants of the page's units (the one rule), with their names, owners first. */
async function currentOccupants(executor: Executor, unitIds: string[], now: Date) {
	const byUnit = new Map<string, UnitListRow['occupants']>();
	const current = await currentOccupancies(executor, unitIds, now);
	const names = await partyNames(executor, current);
	// currentOccupancies gives oldest first; owners before renters keeps that order within each role.
	for (const o of [...current].sort((a, b) => a.role.localeCompare(b.role))) {
		const list = byUnit.get(o.unitId) ?? [];
		list.push({ name: names.get(o.id) ?? '', role: o.role, isCompany: o.companyId !== null });
		byUnit.set(o.unitId, list);
	}
	return byUnit;
}
