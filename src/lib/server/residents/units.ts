import { error } from '@sveltejs/kit';
import { and, asc, eq, gte, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { db, type Executor } from '../db/client.ts';
import {
	buildings,
	companyMembers,
	emergencyContacts,
	estates,
	floors,
	householdMembers,
	occupancies,
	residentCompanies,
	units,
	users
} from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireSignedIn } from '../auth/guards.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';


/** How the actor is tied to a unit: in person, or through a resident company it belongs to. */
export interface UnitTie {
	occupancyId: string;
	role: 'owner' | 'renter';
	companyId: string | null;
	companyName: string | null;
	startsOn: string;
	endsOn: string | null;
}

export interface MyUnit {
	id: string;
	estateName: string;
	buildingName: string;
	floorLabel: string;
	number: string;
	areaM2: string;
	use: 'residential' | 'office' | 'retail';
	ties: UnitTie[];
}

/** An occupancy that has not ended: the brief's "current" includes one ending today. */
function isCurrent(): SQL {
	return or(isNull(occupancies.endsOn), gte(occupancies.endsOn, sql`current_date`))!;
}

/** Occupancies held by the actor in person or by a company the actor is a member of. */
function heldBy(actor: Pick<Actor, 'userId'>): SQL {
	const myCompanies = db()
		.select({ companyId: companyMembers.companyId })
		.from(companyMembers)
		.where(eq(companyMembers.userId, actor.userId));
	// `= any(array(…))` runs the subquery once up front, so both sides of the OR use their index;
	// `in (subquery)` makes PostgreSQL filter every occupancy (a full scan: 50 ms at 100 k units).
	return or(eq(occupancies.userId, actor.userId), sql`${occupancies.companyId} = any(array(${myCompanies}))`)!;
}

/** The ids of the units the actor reaches today, as a subquery for other domains' filters. */
export function myUnitIdsQuery(actor: Pick<Actor, 'userId'>) {
	return db()
		.select({ unitId: occupancies.unitId })
		.from(occupancies)
		.where(and(heldBy(actor), isCurrent()));
}

async function tiesWithUnits(executor: Executor, actor: Actor, unitId?: string) {
	return executor
		.select({
			unit: {
				id: units.id,
				number: units.number,
				areaM2: units.areaM2,
				use: units.use
			},
			estateName: estates.name,
			buildingName: buildings.name,
			floorLabel: floors.label,
			tie: {
				occupancyId: occupancies.id,
				role: occupancies.role,
				companyId: occupancies.companyId,
				companyName: residentCompanies.name,
				startsOn: occupancies.startsOn,
				endsOn: occupancies.endsOn
			}
		})
		.from(occupancies)
		.innerJoin(units, eq(units.id, occupancies.unitId))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(floors, eq(floors.id, units.floorId))
		.innerJoin(estates, eq(estates.id, units.estateId))
		.leftJoin(residentCompanies, eq(residentCompanies.id, occupancies.companyId))
		.where(and(heldBy(actor), isCurrent(), unitId ? eq(occupancies.unitId, unitId) : undefined))
		.orderBy(asc(estates.name), asc(buildings.name), asc(units.number), asc(occupancies.startsOn));
}

type TieRow = Awaited<ReturnType<typeof tiesWithUnits>>[number];

function groupByUnit(rows: TieRow[]): MyUnit[] {
	const byId = new Map<string, MyUnit>();
	for (const row of rows) {
		let unit = byId.get(row.unit.id);
		if (!unit) {
			unit = {
				...row.unit,
				estateName: row.estateName,
				buildingName: row.buildingName,
				floorLabel: row.floorLabel,
				ties: []
			};
			byId.set(unit.id, unit);
		}
		unit.ties.push(row.tie);
	}
	return [...byId.values()];
}

/** The units the actor reaches today, each with how the actor is tied to it. */
export async function myUnits(actor: Actor, executor: Executor = db()): Promise<MyUnit[]> {
	requireSignedIn(actor);
	return groupByUnit(await tiesWithUnits(executor, actor));
}

/** A current occupant on the actor's own side of the unit (same role): names only. */
export interface Occupant {
	name: string;
	role: 'owner' | 'renter';
	isCompany: boolean;
	isMe: boolean;
}

export interface ResidentUnit extends MyUnit {
	occupants: Occupant[];
	household: { id: string; name: string; relation: string; phone: string }[];
	emergencyContacts: { id: string; name: string; relation: string; phone: string }[];
}

/**
 * The unit the actor reaches, or 404 — for someone else's unit, an ended occupancy and a
 * malformed id alike, so the answer never tells whether the unit exists.
 */
export async function requireMyUnit(actor: Actor, unitId: string, executor: Executor = db()): Promise<MyUnit> {
	requireSignedIn(actor);
	if (!isUuid(unitId)) error(404, 'Not found');
	const [unit] = groupByUnit(await tiesWithUnits(executor, actor, unitId));
	if (!unit) error(404, 'Not found');
	return unit;
}

export async function unitForResident(actor: Actor, unitId: string, executor: Executor = db()): Promise<ResidentUnit> {
	const unit = await requireMyUnit(actor, unitId, executor);
	const myRoles = [...new Set(unit.ties.map((t) => t.role))];
	const [occupantRows, household, contacts] = await Promise.all([
		executor
			.select({
				userId: occupancies.userId,
				userName: users.name,
				companyName: residentCompanies.name,
				role: occupancies.role
			})
			.from(occupancies)
			.leftJoin(users, eq(users.id, occupancies.userId))
			.leftJoin(residentCompanies, eq(residentCompanies.id, occupancies.companyId))
			.where(and(eq(occupancies.unitId, unit.id), isCurrent(), inArray(occupancies.role, myRoles)))
			.orderBy(asc(occupancies.role), asc(occupancies.startsOn)),
		executor
			.select({
				id: householdMembers.id,
				name: householdMembers.name,
				relation: householdMembers.relation,
				phone: householdMembers.phone
			})
			.from(householdMembers)
			.where(eq(householdMembers.unitId, unit.id))
			.orderBy(asc(householdMembers.createdAt), asc(householdMembers.id)),
		executor
			.select({
				id: emergencyContacts.id,
				name: emergencyContacts.name,
				relation: emergencyContacts.relation,
				phone: emergencyContacts.phone
			})
			.from(emergencyContacts)
			.where(eq(emergencyContacts.unitId, unit.id))
			.orderBy(asc(emergencyContacts.createdAt), asc(emergencyContacts.id))
	]);
	const occupants = occupantRows.map((o) => ({
		name: o.userName ?? o.companyName ?? '',
		role: o.role,
		isCompany: o.userId === null,
		isMe: o.userId === actor.userId
	}));
	return { ...unit, occupants, household, emergencyContacts: contacts };
}
