import { asc, desc, eq, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { db, type Executor } from '../db/client.ts';
import { buildings, estates, floors, occupancies, residentCompanies, units, users } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../events/service.ts';
import {
	unitCreateSchema,
	unitUpdateSchema,
	type OccupancyRole,
	type UnitCreateInput,
	type UnitUpdateInput,
	type UnitUse
} from '#lib/schemas/registry.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { type AuditContext } from './access.ts';
import { requireEstate, requireStaff } from '../auth/guards.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { rethrowUnique } from '../kernel/unique-violation.ts';
import { floorAt } from './floors.ts';
import { isCurrentOn } from './occupancy.ts';
import { listHouseholdRecords, type HouseholdRecord } from './household-records.ts';
import { businessToday } from '#lib/time/index.ts';

export interface UnitHeader {
	id: string;
	estateId: string;
	estateCode: string;
	estateName: string;
	/** The estate's zone: what "today" means for this unit's occupancies and how its times read. */
	timeZone: string;
	buildingId: string;
	buildingCode: string;
	buildingName: string;
	floorLevel: number;
	floorLabel: string;
	number: string;
	areaM2: string;
	use: UnitUse;
	updatedAt: Date;
}

export interface OccupancyRow {
	id: string;
	role: OccupancyRole;
	party: { kind: 'person'; userId: string; name: string; email: string } | { kind: 'company'; companyId: string; name: string };
	startsOn: string;
	endsOn: string | null;
	/** Current on the estate's today (property/occupancy.ts), not the server's. */
	current: boolean;
	/** Starts after the estate's today (recorded ahead of a move-in). */
	upcoming: boolean;
}

export interface PersonRow {
	id: string;
	name: string;
	relation: string;
	phone: string;
	/** The occupancy that recorded it (null: recorded before records had one). */
	occupancyId: string | null;
}

export interface UnitDetail extends UnitHeader {
	/** The estate's business date today: the default start of a new occupancy, the first day one can end. */
	today: string;
	occupancies: OccupancyRow[];
	household: PersonRow[];
	emergencyContacts: PersonRow[];
}

/**
 * The unit if the actor may see it. Missing, malformed and out-of-estate ids all answer 404, so
 * the answer never tells whether a unit exists in someone else's estate.
 */
export async function visibleUnit(actor: Actor, unitId: string, executor: Executor = db()): Promise<UnitHeader> {
	const [unit] = isUuid(unitId)
		? await executor
				.select({
					id: units.id,
					estateId: units.estateId,
					estateCode: estates.code,
					estateName: estates.name,
					timeZone: estates.timeZone,
					buildingId: units.buildingId,
					buildingCode: buildings.code,
					buildingName: buildings.name,
					floorLevel: floors.level,
					floorLabel: floors.label,
					number: units.number,
					areaM2: units.areaM2,
					use: units.use,
					updatedAt: units.updatedAt
				})
				.from(units)
				.innerJoin(buildings, eq(buildings.id, units.buildingId))
				.innerJoin(estates, eq(estates.id, units.estateId))
				.innerJoin(floors, eq(floors.id, units.floorId))
				.where(eq(units.id, unitId))
		: [];
	requireEstate(actor, unit?.estateId);
	return unit;
}

const personRow = ({ id, name, relation, phone, occupancyId }: HouseholdRecord): PersonRow => ({ id, name, relation, phone, occupancyId });

/**
 * The unit's record for staff: every occupancy (current and past) and every household member and
 * emergency contact, each with the occupancy that recorded it, so the page can group them.
 */
export async function getUnit(actor: Actor, unitId: string, executor: Executor = db(), now: Date = new Date()): Promise<UnitDetail> {
	requireStaff(actor, 'registry.read');
	const unit = await visibleUnit(actor, unitId, executor);
	const today = businessToday(unit, now);
	const [occupancyRows, records] = await Promise.all([
		executor
			.select({
				id: occupancies.id,
				role: occupancies.role,
				userId: occupancies.userId,
				userName: users.name,
				userEmail: users.email,
				companyId: occupancies.companyId,
				companyName: residentCompanies.name,
				startsOn: occupancies.startsOn,
				endsOn: occupancies.endsOn
			})
			.from(occupancies)
			.leftJoin(users, eq(users.id, occupancies.userId))
			.leftJoin(residentCompanies, eq(residentCompanies.id, occupancies.companyId))
			.where(eq(occupancies.unitId, unit.id))
			.orderBy(desc(occupancies.startsOn), asc(occupancies.id)),
		listHouseholdRecords(executor, { unitId: unit.id })
	]);
	return {
		...unit,
		today,
		occupancies: occupancyRows.map((o) => ({
			id: o.id,
			role: o.role,
			party:
				o.companyId !== null
					? { kind: 'company' as const, companyId: o.companyId, name: o.companyName ?? '' }
					: { kind: 'person' as const, userId: o.userId ?? '', name: o.userName ?? '', email: o.userEmail ?? '' },
			startsOn: o.startsOn,
			endsOn: o.endsOn,
			current: isCurrentOn(o, today),
			upcoming: o.startsOn > today
		})),
		household: records.member.map(personRow),
		emergencyContacts: records.contact.map(personRow)
	};
}

/** Adds a unit to a building; the floor is created the first time a unit is put on it. */
export async function createUnit(actor: Actor, input: UnitCreateInput, context: AuditContext = {}): Promise<{ id: string }> {
	requireStaff(actor, 'registry.write');
	const data = parseInput(unitCreateSchema, input);
	try {
		return await db().transaction(async (tx) => {
			const [building] = await tx
				.select({ id: buildings.id, estateId: buildings.estateId })
				.from(buildings)
				.where(eq(buildings.id, data.buildingId));
			if (!building || actor.estateIds?.includes(building.estateId) === false) {
				throw new InputError('buildingId', m.registry_choose_option());
			}
			const floorId = await floorAt(tx, building.id, data.floor);
			const [unit] = await tx
				.insert(units)
				.values({
					estateId: building.estateId,
					buildingId: building.id,
					floorId,
					number: data.number,
					areaM2: data.areaM2,
					use: data.use
				})
				.returning({ id: units.id });
			await recordAudit(tx, {
				actor,
				ip: context.ip,
				action: 'registry.unit.create',
				subjectType: 'unit',
				subjectId: unit!.id,
				detail: { ...data }
			});
			return unit!;
		});
	} catch (err) {
		rethrowUnique(err, { units_building_number: () => new InputError('number', m.registry_unit_number_taken()) });
	}
}

/** Corrects a unit's area or use; an unchanged form writes nothing. */
export async function updateUnit(
	actor: Actor,
	unitId: string,
	input: UnitUpdateInput,
	context: AuditContext = {}
): Promise<{ changed: boolean }> {
	requireStaff(actor, 'registry.write');
	const data = parseInput(unitUpdateSchema, input);
	return db().transaction(async (tx) => {
		const unit = await visibleUnit(actor, unitId, tx);
		const sameArea = Number(unit.areaM2) === Number(data.areaM2);
		if (sameArea && unit.use === data.use) return { changed: false };
		await tx
			.update(units)
			.set({ areaM2: data.areaM2, use: data.use, updatedAt: sql`now()` })
			.where(eq(units.id, unit.id));
		await recordAudit(tx, {
			actor,
			ip: context.ip,
			action: 'registry.unit.update',
			subjectType: 'unit',
			subjectId: unit.id,
			detail: { before: { areaM2: unit.areaM2, use: unit.use }, after: data }
		});
		return { changed: true };
	});
}
