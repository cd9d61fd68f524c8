import { asc, eq, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { db, type Executor } from '../db/client.ts';
import { buildings, estates, managementCompanies, staffEstates } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../events/service.ts';
import { buildingCreateSchema, estateCreateSchema, type BuildingCreateInput, type EstateCreateInput } from '#lib/schemas/registry.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { type AuditContext } from './access.ts';
import { inActorEstates, requireEstate, requireStaff } from '../auth/guards.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { rethrowUnique } from '../kernel/unique-violation.ts';

export interface EstateSummary {
	id: string;
	code: string;
	name: string;
	kind: 'residential' | 'office';
	address: string;
	buildingCount: number;
	unitCount: number;
}

/** The estates the actor works for, with how many buildings and units each holds. */
export async function listEstates(actor: Actor, executor: Executor = db()): Promise<EstateSummary[]> {
	requireStaff(actor, 'registry.read');
	return executor
		.select({
			id: estates.id,
			code: estates.code,
			name: estates.name,
			kind: estates.kind,
			address: estates.address,
			// Spelled out: drizzle leaves columns unqualified in a one-table query, and a bare "id" here
			// would mean the subquery's own table.
			buildingCount: sql<number>`(select count(*)::int from buildings b where b.estate_id = estates.id)`,
			unitCount: sql<number>`(select count(*)::int from units u where u.estate_id = estates.id)`
		})
		.from(estates)
		.where(inActorEstates(actor, estates.id))
		.orderBy(asc(estates.code));
}

export interface BuildingSummary {
	id: string;
	code: string;
	name: string;
	floorCount: number;
	unitCount: number;
}

export interface EstateDetail extends Omit<EstateSummary, 'buildingCount' | 'unitCount'> {
	buildings: BuildingSummary[];
}

/** One estate with its buildings; 404 outside the actor's estates. */
export async function getEstate(actor: Actor, estateId: string, executor: Executor = db()): Promise<EstateDetail> {
	requireStaff(actor, 'registry.read');
	const [estate] = isUuid(estateId)
		? await executor
				.select({ id: estates.id, code: estates.code, name: estates.name, kind: estates.kind, address: estates.address })
				.from(estates)
				.where(eq(estates.id, estateId))
		: [];
	requireEstate(actor, estate?.id);
	const rows = await executor
		.select({
			id: buildings.id,
			code: buildings.code,
			name: buildings.name,
			floorCount: sql<number>`(select count(*)::int from floors f where f.building_id = buildings.id)`,
			unitCount: sql<number>`(select count(*)::int from units u where u.building_id = buildings.id)`
		})
		.from(buildings)
		.where(eq(buildings.estateId, estate.id))
		.orderBy(asc(buildings.code));
	return { ...estate, buildings: rows };
}

export interface EstateOption {
	id: string;
	code: string;
	name: string;
}

/** The actor's estates by code, for filters and pickers; the caller checks the permission. */
export function actorEstates(actor: Actor, executor: Executor = db()): Promise<EstateOption[]> {
	return executor
		.select({ id: estates.id, code: estates.code, name: estates.name })
		.from(estates)
		.where(inActorEstates(actor, estates.id))
		.orderBy(asc(estates.code));
}

/** Estates for filters and pickers, within the actor's estates (no counts: cheap at any size). */
export async function estateOptions(actor: Actor, executor: Executor = db()): Promise<EstateOption[]> {
	requireStaff(actor, 'registry.read');
	return actorEstates(actor, executor);
}

export interface BuildingOption {
	id: string;
	code: string;
	name: string;
	estateId: string;
	estateCode: string;
}

/** Buildings for filters and pickers, within the actor's estates. */
export async function buildingOptions(actor: Actor, executor: Executor = db()): Promise<BuildingOption[]> {
	requireStaff(actor, 'registry.read');
	return executor
		.select({
			id: buildings.id,
			code: buildings.code,
			name: buildings.name,
			estateId: buildings.estateId,
			estateCode: estates.code
		})
		.from(buildings)
		.innerJoin(estates, eq(estates.id, buildings.estateId))
		.where(inActorEstates(actor, buildings.estateId))
		.orderBy(asc(estates.code), asc(buildings.code));
}

/**
 * Adds an estate (managers and admins). A manager limited to some estates is also assigned to
 * the new one, or it would vanish from their own list the moment it was created.
 */
export async function createEstate(actor: Actor, input: EstateCreateInput, context: AuditContext = {}): Promise<{ id: string }> {
	requireStaff(actor, 'registry.structure');
	const data = parseInput(estateCreateSchema, input);
	try {
		return await db().transaction(async (tx) => {
			const [company] = await tx
				.select({ id: managementCompanies.id })
				.from(managementCompanies)
				.orderBy(asc(managementCompanies.createdAt))
				.limit(1);
			if (!company) throw new InputError('', m.registry_no_management_company());
			const [estate] = await tx
				.insert(estates)
				.values({
					companyId: company.id,
					code: data.code,
					name: data.name,
					kind: data.kind,
					address: data.address,
					timeZone: data.timeZone
				})
				.returning({ id: estates.id });
			if (actor.estateIds !== null) {
				await tx.insert(staffEstates).values({ userId: actor.userId, estateId: estate!.id });
			}
			await recordAudit(tx, {
				actor,
				ip: context.ip,
				action: 'registry.estate.create',
				subjectType: 'estate',
				subjectId: estate!.id,
				detail: { ...data }
			});
			return estate!;
		});
	} catch (err) {
		rethrowUnique(err, { estates_code_unique: () => new InputError('code', m.registry_estate_code_taken()) });
	}
}

export async function createBuilding(actor: Actor, input: BuildingCreateInput, context: AuditContext = {}): Promise<{ id: string }> {
	requireStaff(actor, 'registry.structure');
	const data = parseInput(buildingCreateSchema, input);
	requireEstate(actor, data.estateId);
	try {
		return await db().transaction(async (tx) => {
			const [estate] = await tx.select({ id: estates.id }).from(estates).where(eq(estates.id, data.estateId));
			requireEstate(actor, estate?.id);
			const [building] = await tx
				.insert(buildings)
				.values({ estateId: data.estateId, code: data.code, name: data.name })
				.returning({ id: buildings.id });
			await recordAudit(tx, {
				actor,
				ip: context.ip,
				action: 'registry.building.create',
				subjectType: 'building',
				subjectId: building!.id,
				detail: { ...data }
			});
			return building!;
		});
	} catch (err) {
		rethrowUnique(err, { buildings_estate_code: () => new InputError('code', m.registry_building_code_taken()) });
	}
}
