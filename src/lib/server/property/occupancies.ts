import { error } from '@sveltejs/kit';
import { and, eq, gte, isNull, or, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { db, type Tx } from '../db/client.ts';
import { occupancies, residentCompanies, users } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { recordAudit, recordEvent } from '../events/service.ts';
import { occupancyAddSchema, occupancyEndSchema, type OccupancyAddInput, type OccupancyEndInput } from '#lib/schemas/registry.ts';
import { type AuditContext } from './access.ts';
import { requireStaff } from '../auth/guards.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { visibleUnit } from './units.ts';
import type { UnitEventKind } from './unit-events.ts';

/** The occupant named on the form: a resident account by email, or a resident company by name. */
export async function findParty(tx: Tx, data: Pick<OccupancyAddInput, 'partyType' | 'email' | 'companyName'>) {
	if (data.partyType === 'person') {
		const [user] = await tx.select({ id: users.id, kind: users.kind, name: users.name }).from(users).where(eq(users.email, data.email));
		if (!user || user.kind !== 'resident') throw new InputError('email', m.registry_resident_not_found());
		return { userId: user.id, companyId: null, name: user.name };
	}
	const found = await tx
		.select({ id: residentCompanies.id, name: residentCompanies.name })
		.from(residentCompanies)
		.where(sql`lower(${residentCompanies.name}) = lower(${data.companyName})`)
		.limit(2);
	if (found.length === 0) throw new InputError('companyName', m.registry_company_not_found());
	if (found.length > 1) throw new InputError('companyName', m.registry_company_ambiguous());
	return { userId: null, companyId: found[0]!.id, name: found[0]!.name };
}

/** Records that a resident or company owns or rents the unit from a date. */
export async function addOccupancy(
	actor: Actor,
	unitId: string,
	input: OccupancyAddInput,
	context: AuditContext = {}
): Promise<{ id: string }> {
	requireStaff(actor, 'registry.write');
	const data = parseInput(occupancyAddSchema, input);
	return db().transaction(async (tx) => {
		const unit = await visibleUnit(actor, unitId, tx);
		const party = await findParty(tx, data);
		return insertOccupancy(tx, actor, unit.id, party, data, context);
	});
}

/** A found party (findParty) and the fields of the occupancy to record. */
export interface NewOccupancyParty {
	userId: string | null;
	companyId: string | null;
	name: string;
}

/**
 * addOccupancy's work in the caller's transaction, for a unit the caller found visible to the
 * actor: what a completed move-in (moves/) uses to start the occupancy.
 */
export async function insertOccupancy(
	tx: Tx,
	actor: Actor,
	unitId: string,
	party: NewOccupancyParty,
	data: Pick<OccupancyAddInput, 'partyType' | 'role' | 'startsOn'>,
	context: AuditContext = {}
): Promise<{ id: string }> {
	const unit = { id: unitId };
	// Not "who occupies it today" (property/occupancy.ts) but an overlap: one party cannot hold
	// the unit twice in one role, so an open or later-ending record of it refuses the new one.
	const [open] = await tx
		.select({ id: occupancies.id })
		.from(occupancies)
		.where(
			and(
				eq(occupancies.unitId, unit.id),
				party.userId ? eq(occupancies.userId, party.userId) : eq(occupancies.companyId, party.companyId!),
				eq(occupancies.role, data.role),
				or(isNull(occupancies.endsOn), gte(occupancies.endsOn, data.startsOn))
			)
		);
	if (open) {
		throw new InputError(data.partyType === 'person' ? 'email' : 'companyName', m.registry_occupancy_exists());
	}
	const [row] = await tx
		.insert(occupancies)
		.values({ unitId: unit.id, userId: party.userId, companyId: party.companyId, role: data.role, startsOn: data.startsOn })
		.returning({ id: occupancies.id });
	const detail = { occupancyId: row!.id, userId: party.userId, companyId: party.companyId, role: data.role, startsOn: data.startsOn };
	await recordEvent(tx, {
		actor,
		subjectType: 'unit',
		subjectId: unit.id,
		kind: 'occupancy.added' satisfies UnitEventKind,
		to: data.role,
		note: party.name,
		data: detail
	});
	await recordAudit(tx, { actor, ip: context.ip, action: 'registry.occupancy.add', subjectType: 'unit', subjectId: unit.id, detail });
	return row!;
}

/** Closes an occupancy on its last day; the record stays as history. */
export async function endOccupancy(actor: Actor, unitId: string, input: OccupancyEndInput, context: AuditContext = {}): Promise<void> {
	requireStaff(actor, 'registry.write');
	const data = parseInput(occupancyEndSchema, input);
	await db().transaction(async (tx) => {
		const unit = await visibleUnit(actor, unitId, tx);
		await closeOccupancy(tx, actor, unit.id, data, context);
	});
}

/**
 * endOccupancy's work in the caller's transaction, for a unit the caller found visible to the
 * actor: what a completed move-out (moves/) uses to close the occupancy.
 */
export async function closeOccupancy(
	tx: Tx,
	actor: Actor,
	unitId: string,
	data: OccupancyEndInput,
	context: AuditContext = {}
): Promise<void> {
	const unit = { id: unitId };
	const [occupancy] = await tx
		.select({ id: occupancies.id, role: occupancies.role, startsOn: occupancies.startsOn, endsOn: occupancies.endsOn })
		.from(occupancies)
		.where(and(eq(occupancies.id, data.occupancyId), eq(occupancies.unitId, unit.id)));
	if (!occupancy) error(404, 'Not found');
	if (occupancy.endsOn !== null) throw new InputError('endsOn', m.registry_occupancy_already_ended());
	if (data.endsOn < occupancy.startsOn) throw new InputError('endsOn', m.registry_occupancy_end_before_start());
	await tx
		.update(occupancies)
		.set({ endsOn: data.endsOn })
		.where(and(eq(occupancies.id, occupancy.id), isNull(occupancies.endsOn)));
	const detail = { occupancyId: occupancy.id, role: occupancy.role, startsOn: occupancy.startsOn, endsOn: data.endsOn };
	await recordEvent(tx, {
		actor,
		subjectType: 'unit',
		subjectId: unit.id,
		kind: 'occupancy.ended' satisfies UnitEventKind,
		from: occupancy.role,
		data: detail
	});
	await recordAudit(tx, { actor, ip: context.ip, action: 'registry.occupancy.end', subjectType: 'unit', subjectId: unit.id, detail });
}
