import { m } from '#lib/paraglide/messages.js';
import { db, type Tx } from '../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../events/service.ts';
import {
	staffEmergencyContactSchema,
	staffHouseholdMemberSchema,
	type StaffEmergencyContactInput,
	type StaffHouseholdMemberInput
} from '#lib/schemas/registry.ts';
import { type AuditContext } from './access.ts';
import { requireStaff } from '../auth/guards.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { endHouseholdRecord, insertHouseholdRecord, type HouseholdRecordKind } from './household-records.ts';
import { currentOccupancies } from './occupancy.ts';
import { visibleUnit } from './units.ts';

const auditNames = {
	member: { add: 'registry.household.add', remove: 'registry.household.remove', idKey: 'memberId' },
	contact: { add: 'registry.contact.add', remove: 'registry.contact.remove', idKey: 'contactId' }
} as const;

/**
 * The occupancy staff record a person for: one of the unit's current occupancies (a household
 * belongs to whoever lives or works there now, and its records stay theirs).
 */
async function currentOccupancyOf(tx: Tx, unitId: string, occupancyId: string): Promise<string> {
	const current = await currentOccupancies(tx, [unitId]);
	if (!current.some((o) => o.id === occupancyId)) throw new InputError('occupancyId', m.registry_household_choose_occupancy());
	return occupancyId;
}

async function addRecord(
	actor: Actor,
	kind: HouseholdRecordKind,
	unitId: string,
	data: StaffHouseholdMemberInput | StaffEmergencyContactInput,
	context: AuditContext
): Promise<{ id: string }> {
	return db().transaction(async (tx) => {
		const unit = await visibleUnit(actor, unitId, tx);
		const { occupancyId: chosen, ...person } = data;
		const occupancyId = await currentOccupancyOf(tx, unit.id, chosen);
		const id = await insertHouseholdRecord(tx, kind, unit.id, occupancyId, person, actor);
		const names = auditNames[kind];
		await recordAudit(tx, {
			actor,
			ip: context.ip,
			action: names.add,
			subjectType: 'unit',
			subjectId: unit.id,
			detail: { [names.idKey]: id, occupancyId, ...person }
		});
		return { id };
	});
}

async function removeRecord(actor: Actor, kind: HouseholdRecordKind, unitId: string, id: string, context: AuditContext): Promise<void> {
	requireStaff(actor, 'registry.write');
	await db().transaction(async (tx) => {
		const unit = await visibleUnit(actor, unitId, tx);
		const row = await endHouseholdRecord(tx, kind, unit.id, id, null, actor);
		const names = auditNames[kind];
		await recordAudit(tx, {
			actor,
			ip: context.ip,
			action: names.remove,
			subjectType: 'unit',
			subjectId: unit.id,
			detail: { [names.idKey]: row.id, occupancyId: row.occupancyId, name: row.name, relation: row.relation }
		});
	});
}

/** Staff add a household member for one current occupancy of the unit (the form picks which). */
export function addHouseholdMember(actor: Actor, unitId: string, input: StaffHouseholdMemberInput, context: AuditContext = {}) {
	requireStaff(actor, 'registry.write');
	return addRecord(actor, 'member', unitId, parseInput(staffHouseholdMemberSchema, input), context);
}

export function removeHouseholdMember(actor: Actor, unitId: string, memberId: string, context: AuditContext = {}) {
	return removeRecord(actor, 'member', unitId, memberId, context);
}

/** Staff add an emergency contact for one current occupancy of the unit. */
export function addEmergencyContact(actor: Actor, unitId: string, input: StaffEmergencyContactInput, context: AuditContext = {}) {
	requireStaff(actor, 'registry.write');
	return addRecord(actor, 'contact', unitId, parseInput(staffEmergencyContactSchema, input), context);
}

export function removeEmergencyContact(actor: Actor, unitId: string, contactId: string, context: AuditContext = {}) {
	return removeRecord(actor, 'contact', unitId, contactId, context);
}
