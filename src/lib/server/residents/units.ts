import { error } from '@sveltejs/kit';
import { asc, eq } from 'drizzle-orm';
import { db, inList, listValues, preparedOnce, type Executor } from '../db/client.ts';
import { buildings, estates, floors, units } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireSignedIn } from '../auth/guards.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { actorOccupancies, currentOccupancies, type Occupancy } from '../property/occupancy.ts';
import { listHouseholdRecords, type HouseholdRecord } from '../property/household-records.ts';
import { partyNames } from '../property/party-names.ts';

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

/**
 * The ids of the units the actor occupies today (in person or through its company), from the one
 * occupancy rule (property/occupancy.ts). Other domains filter by these; a case that belongs to an
 * occupancy is filtered by `actorOccupancies` itself.
 */
export async function actorUnitIds(
	actor: Pick<Actor, 'userId' | 'companies' | 'memo'>,
	executor: Executor = db(),
	now?: Date
): Promise<string[]> {
	return [...new Set((await actorOccupancies(executor, actor, now)).map((o) => o.unitId))];
}

/** The units behind these occupancies, each with how the actor holds it, in estate/building/number order. */
/** Units with their places, by id: every resident page with a unit list reads these. */
const unitRows = preparedOnce((executor, length) =>
	executor
		.select({
			id: units.id,
			number: units.number,
			areaM2: units.areaM2,
			use: units.use,
			estateName: estates.name,
			buildingName: buildings.name,
			floorLabel: floors.label
		})
		.from(units)
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(floors, eq(floors.id, units.floorId))
		.innerJoin(estates, eq(estates.id, units.estateId))
		.where(inList(units.id, 'unit', length))
		.orderBy(asc(estates.name), asc(buildings.name), asc(units.number))
		.prepare('unit_rows')
);

async function unitsWithTies(executor: Executor, held: readonly Occupancy[]): Promise<MyUnit[]> {
	if (held.length === 0) return [];
	const unitIds = [...new Set(held.map((o) => o.unitId))];
	const companies = held.filter((o) => o.companyId !== null);
	const [rows, companyName] = await Promise.all([
		unitRows(executor, unitIds.length).execute(listValues('unit', unitIds)),
		partyNames(executor, companies)
	]);
	return rows.map((unit) => ({
		...unit,
		ties: held
			.filter((o) => o.unitId === unit.id)
			.map((o) => ({
				occupancyId: o.id,
				role: o.role,
				companyId: o.companyId,
				companyName: o.companyId ? (companyName.get(o.id) ?? null) : null,
				startsOn: o.startsOn,
				endsOn: o.endsOn
			}))
	}));
}

/** The units the actor reaches today, each with how the actor is tied to it. */
export async function myUnits(actor: Actor, executor: Executor = db()): Promise<MyUnit[]> {
	requireSignedIn(actor);
	return unitsWithTies(executor, await actorOccupancies(executor, actor));
}

/** A current occupant on the actor's own side of the unit (same role): names only. */
export interface Occupant {
	name: string;
	role: 'owner' | 'renter';
	isCompany: boolean;
	isMe: boolean;
}

export interface HouseholdPerson {
	id: string;
	name: string;
	relation: string;
	phone: string;
}

export interface ResidentUnit extends MyUnit {
	occupants: Occupant[];
	/** Only those recorded by the actor's own occupancies of the unit (not the landlord's, the renter's or a former occupant's). */
	household: HouseholdPerson[];
	emergencyContacts: HouseholdPerson[];
}

/**
 * The unit the actor reaches, or 404 — for someone else's unit, an ended occupancy and a
 * malformed id alike, so the answer never tells whether the unit exists.
 */
export async function requireMyUnit(actor: Actor, unitId: string, executor: Executor = db()): Promise<MyUnit> {
	requireSignedIn(actor);
	if (!isUuid(unitId)) error(404, 'Not found');
	const held = (await actorOccupancies(executor, actor)).filter((o) => o.unitId === unitId);
	const [unit] = await unitsWithTies(executor, held);
	if (!unit) error(404, 'Not found');
	return unit;
}

/** The occupancies through which the actor holds the unit today: whose household records it sees. */
export function myOccupancyIds(unit: MyUnit): string[] {
	return unit.ties.map((t) => t.occupancyId);
}

/** Current occupants of the unit on the actor's side (an owner sees owners, a renter renters), with names. */
async function occupantsOnMySide(executor: Executor, actor: Actor, unit: MyUnit): Promise<Occupant[]> {
	const myRoles = new Set(unit.ties.map((t) => t.role));
	const mySide = (await currentOccupancies(executor, [unit.id])).filter((o) => myRoles.has(o.role));
	const names = await partyNames(executor, mySide);
	const occupants = mySide.map((o) => ({
		name: names.get(o.id) ?? '',
		role: o.role,
		isCompany: o.userId === null,
		isMe: o.userId === actor.userId
	}));
	// Owners before renters; within a side the actor first, then the others (oldest first, as given).
	return occupants.sort((a, b) => a.role.localeCompare(b.role) || Number(b.isMe) - Number(a.isMe));
}

const personFields = (rows: HouseholdRecord[]): HouseholdPerson[] =>
	rows.map(({ id, name, relation, phone }) => ({ id, name, relation, phone }));

export async function unitForResident(actor: Actor, unitId: string, executor: Executor = db()): Promise<ResidentUnit> {
	const unit = await requireMyUnit(actor, unitId, executor);
	const scope = { occupancyIds: myOccupancyIds(unit) };
	const [occupants, records] = await Promise.all([occupantsOnMySide(executor, actor, unit), listHouseholdRecords(executor, scope)]);
	return { ...unit, occupants, household: personFields(records.member), emergencyContacts: personFields(records.contact) };
}
