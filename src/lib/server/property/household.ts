import { db } from '../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../events/service.ts';
import {
	emergencyContactSchema,
	householdMemberSchema,
	type EmergencyContactInput,
	type HouseholdMemberInput
} from '#lib/schemas/resident.ts';
import { type AuditContext } from './access.ts';
import { requireStaff } from '../auth/guards.ts';
import { parseInput } from '../kernel/input-error.ts';
import { deleteHouseholdRecord, insertHouseholdRecord, type HouseholdRecordKind } from './household-records.ts';
import { visibleUnit } from './units.ts';

const auditNames = {
	member: { add: 'registry.household.add', remove: 'registry.household.remove', idKey: 'memberId' },
	contact: { add: 'registry.contact.add', remove: 'registry.contact.remove', idKey: 'contactId' }
} as const;

async function addRecord(
	actor: Actor,
	kind: HouseholdRecordKind,
	unitId: string,
	data: HouseholdMemberInput | EmergencyContactInput,
	context: AuditContext
): Promise<{ id: string }> {
	return db().transaction(async (tx) => {
		const unit = await visibleUnit(actor, unitId, tx);
		const id = await insertHouseholdRecord(tx, kind, unit.id, data);
		const names = auditNames[kind];
		await recordAudit(tx, {
			actor,
			ip: context.ip,
			action: names.add,
			subjectType: 'unit',
			subjectId: unit.id,
			detail: { [names.idKey]: id, ...data }
		});
		return { id };
	});
}

async function removeRecord(
	actor: Actor,
	kind: HouseholdRecordKind,
	unitId: string,
	id: string,
	context: AuditContext
): Promise<void> {
	requireStaff(actor, 'registry.write');
	await db().transaction(async (tx) => {
		const unit = await visibleUnit(actor, unitId, tx);
		const row = await deleteHouseholdRecord(tx, kind, unit.id, id);
		const names = auditNames[kind];
		await recordAudit(tx, {
			actor,
			ip: context.ip,
			action: names.remove,
			subjectType: 'unit',
			subjectId: unit.id,
			detail: { [names.idKey]: row.id, name: row.name, relation: row.relation }
		});
	});
}

export function addHouseholdMember(actor: Actor, unitId: string, input: HouseholdMemberInput, context: AuditContext = {}) {
	requireStaff(actor, 'registry.write');
	return addRecord(actor, 'member', unitId, parseInput(householdMemberSchema, input), context);
}

export function removeHouseholdMember(actor: Actor, unitId: string, memberId: string, context: AuditContext = {}) {
	return removeRecord(actor, 'member', unitId, memberId, context);
}

export function addEmergencyContact(actor: Actor, unitId: string, input: EmergencyContactInput, context: AuditContext = {}) {
	requireStaff(actor, 'registry.write');
	return addRecord(actor, 'contact', unitId, parseInput(emergencyContactSchema, input), context);
}

export function removeEmergencyContact(actor: Actor, unitId: string, contactId: string, context: AuditContext = {}) {
	return removeRecord(actor, 'contact', unitId, contactId, context);
}
