import { asc, desc, eq, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { db, type Executor } from '../db/client.ts';
import {
	buildings,
	emergencyContacts,
	estates,
	floors,
	householdMembers,
	occupancies,
	residentCompanies,
	units,
	users
} from '../db/schema/index.ts';
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

export interface UnitHeader {
	id: string;
	estateId: string;
	estateCode: string;
	estateName: string;
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
	current: boolean;
}

export interface PersonRow {
	id: string;
	name: string;
	relation: string;
	phone: string;
}

export interface UnitDetail extends UnitHeader {
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
	return unit!;
}

export async function getUnit(actor: Actor, unitId: string, executor: Executor = db()): Promise<UnitDetail> {
	requireStaff(actor, 'registry.read');
	const unit = await visibleUnit(actor, unitId, executor);
	const [occupancyRows, household, contacts] = await Promise.all([
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
				endsOn: occupancies.endsOn,
				current: sql<boolean>`(${occupancies.endsOn} is null or ${occupancies.endsOn} >= current_date)`
			})
			.from(occupancies)
			.leftJoin(users, eq(users.id, occupancies.userId))
			.leftJoin(residentCompanies, eq(residentCompanies.id, occupancies.companyId))
			.where(eq(occupancies.unitId, unit.id))
			.orderBy(desc(occupancies.startsOn), asc(occupancies.id)),
		executor
			.select({ id: householdMembers.id, name: householdMembers.name, relation: householdMembers.relation, phone: householdMembers.phone })
			.from(householdMembers)
			.where(eq(householdMembers.unitId, unit.id))
			.orderBy(asc(householdMembers.createdAt), asc(householdMembers.id)),
		executor
			.select({ id: emergencyContacts.id, name: emergencyContacts.name, relation: emergencyContacts.relation, phone: emergencyContacts.phone })
			.from(emergencyContacts)
			.where(eq(emergencyContacts.unitId, unit.id))
			.orderBy(asc(emergencyContacts.createdAt), asc(emergencyContacts.id))
	]);
	return {
		...unit,
		occupancies: occupancyRows.map((o) => ({
			id: o.id,
			role: o.role,
			party:
				o.companyId !== null
					? { kind: 'company' as const, companyId: o.companyId, name: o.companyName ?? '' }
					: { kind: 'person' as const, userId: o.userId ?? '', name: o.userName ?? '', email: o.userEmail ?? '' },
			startsOn: o.startsOn,
			endsOn: o.endsOn,
			current: Boolean(o.current)
		})),
		household,
		emergencyContacts: contacts
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
