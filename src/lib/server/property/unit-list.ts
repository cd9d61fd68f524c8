import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { db, type Executor } from '../db/client.ts';
import { buildings, estates, floors, occupancies, residentCompanies, units, users } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { unitUses, type OccupancyRole, type UnitUse } from '#lib/schemas/registry.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { inActorEstates, requireStaff } from '../auth/guards.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { currentOccupancy } from './occupancy-state.ts';

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

function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Units whose number starts with q, or with a current occupant whose name, email or company
 * name contains q. Each branch can use its own index (lower(number) pattern ops; pg_trgm on
 * names and emails, which the planner takes when the pattern is selective), and the matching
 * ids are joined to the page query once instead of testing the search on every unit.
 */
function matching(q: string): SQL {
	const term = escapeLike(q.toLowerCase());
	const prefix = `${term}%`;
	const part = `%${term}%`;
	return sql`${units.id} in (
		select u2.id from units u2 where lower(u2.number) like ${prefix}
		union
		select o.unit_id from occupancies o join users p on p.id = o.user_id
		 where (o.ends_on is null or o.ends_on >= current_date) and (p.name ilike ${part} or p.email like ${part})
		union
		select o.unit_id from occupancies o join resident_companies c on c.id = o.company_id
		 where (o.ends_on is null or o.ends_on >= current_date) and c.name ilike ${part}
	)`;
}

const occupied = sql`exists (select 1 from occupancies o where o.unit_id = ${units.id} and (o.ends_on is null or o.ends_on >= current_date))`;

/**
 * One page of the staff unit list, ordered by building code, floor, unit number and id,
 * continuing after `filters.cursor` (keyset pagination: no OFFSET, so page 2,000 costs what
 * page 1 does). The planner walks buildings in code order (buildings_code) and each building's
 * units by index, sorting one building at a time.
 */
export async function listUnits(actor: Actor, filters: UnitListFilters, executor: Executor = db()): Promise<UnitListPage> {
	const rows = await unitPageQuery(actor, filters, executor);
	const page = rows.slice(0, UNIT_PAGE_SIZE);
	const last = page.at(-1);
	const occupants = await currentOccupants(executor, page.map((r) => r.id));
	return {
		rows: page.map((r) => ({ ...r, occupants: occupants.get(r.id) ?? [] })),
		nextCursor: rows.length > UNIT_PAGE_SIZE && last ? encodeCursor(last) : null
	};
}

/** The page query itself (one row more than a page, to know whether another follows); the benchmark EXPLAINs it. */
export function unitPageQuery(actor: Actor, filters: UnitListFilters, executor: Executor = db()) {
	requireStaff(actor, 'registry.read');
	const after = decodeCursor(filters.cursor);
	const where = and(
		inActorEstates(actor, units.estateId),
		filters.estateId ? eq(units.estateId, filters.estateId) : undefined,
		filters.buildingId ? eq(units.buildingId, filters.buildingId) : undefined,
		filters.use ? eq(units.use, filters.use) : undefined,
		filters.occupancy === 'occupied' ? occupied : filters.occupancy === 'vacant' ? sql`not ${occupied}` : undefined,
		filters.q ? matching(filters.q) : undefined,
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

async function currentOccupants(executor: Executor, unitIds: string[]) {
	const byUnit = new Map<string, UnitListRow['occupants']>();
	if (unitIds.length === 0) return byUnit;
	const rows = await executor
		.select({
			unitId: occupancies.unitId,
			role: occupancies.role,
			userName: users.name,
			companyName: residentCompanies.name
		})
		.from(occupancies)
		.leftJoin(users, eq(users.id, occupancies.userId))
		.leftJoin(residentCompanies, eq(residentCompanies.id, occupancies.companyId))
		.where(and(inArray(occupancies.unitId, unitIds), currentOccupancy()))
		.orderBy(asc(occupancies.role), asc(occupancies.startsOn), asc(occupancies.id));
	for (const row of rows) {
		const list = byUnit.get(row.unitId) ?? [];
		list.push({ name: row.companyName ?? row.userName ?? '', role: row.role, isCompany: row.companyName !== null });
		byUnit.set(row.unitId, list);
	}
	return byUnit;
}
