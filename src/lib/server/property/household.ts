import { error } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { emergencyContacts, householdMembers } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../events/service.ts';
import {
	emergencyContactSchema,
	householdMemberSchema,
	type EmergencyContactInput,
	type HouseholdMemberInput
} from '#lib/schemas/resident.ts';
import { isUuid } from '../db/ids.ts';
import { requireRegistry, type AuditContext } from './access.ts';
import { parseRegistryInput } from './errors.ts';
import { visibleUnit } from './units.ts';

export async function addHouseholdMember(
	actor: Actor,
	unitId: string,
	input: HouseholdMemberInput,
	context: AuditContext = {}
): Promise<{ id: string }> {
	requireRegistry(actor, 'registry.write');
	const data = parseRegistryInput(householdMemberSchema, input);
	return db().transaction(async (tx) => {
		const unit = await visibleUnit(actor, unitId, tx);
		const [row] = await tx
			.insert(householdMembers)
			.values({ unitId: unit.id, ...data })
			.returning({ id: householdMembers.id });
		await recordAudit(tx, {
			actor,
			ip: context.ip,
			action: 'registry.household.add',
			subjectType: 'unit',
			subjectId: unit.id,
			detail: { memberId: row!.id, ...data }
		});
		return row!;
	});
}

export async function removeHouseholdMember(
	actor: Actor,
	unitId: string,
	memberId: string,
	context: AuditContext = {}
): Promise<void> {
	requireRegistry(actor, 'registry.write');
	await db().transaction(async (tx) => {
		const unit = await visibleUnit(actor, unitId, tx);
		const [row] = isUuid(memberId)
			? await tx
					.delete(householdMembers)
					.where(and(eq(householdMembers.id, memberId), eq(householdMembers.unitId, unit.id)))
					.returning({ id: householdMembers.id, name: householdMembers.name, relation: householdMembers.relation })
			: [];
		if (!row) error(404, 'Not found');
		await recordAudit(tx, {
			actor,
			ip: context.ip,
			action: 'registry.household.remove',
			subjectType: 'unit',
			subjectId: unit.id,
			detail: { memberId: row.id, name: row.name, relation: row.relation }
		});
	});
}

export async function addEmergencyContact(
	actor: Actor,
	unitId: string,
	input: EmergencyContactInput,
	context: AuditContext = {}
): Promise<{ id: string }> {
	requireRegistry(actor, 'registry.write');
	const data = parseRegistryInput(emergencyContactSchema, input);
	return db().transaction(async (tx) => {
		const unit = await visibleUnit(actor, unitId, tx);
		const [row] = await tx
			.insert(emergencyContacts)
			.values({ unitId: unit.id, ...data })
			.returning({ id: emergencyContacts.id });
		await recordAudit(tx, {
			actor,
			ip: context.ip,
			action: 'registry.contact.add',
			subjectType: 'unit',
			subjectId: unit.id,
			detail: { contactId: row!.id, ...data }
		});
		return row!;
	});
}

export async function removeEmergencyContact(
	actor: Actor,
	unitId: string,
	contactId: string,
	context: AuditContext = {}
): Promise<void> {
	requireRegistry(actor, 'registry.write');
	await db().transaction(async (tx) => {
		const unit = await visibleUnit(actor, unitId, tx);
		const [row] = isUuid(contactId)
			? await tx
					.delete(emergencyContacts)
					.where(and(eq(emergencyContacts.id, contactId), eq(emergencyContacts.unitId, unit.id)))
					.returning({ id: emergencyContacts.id, name: emergencyContacts.name, relation: emergencyContacts.relation })
			: [];
		if (!row) error(404, 'Not found');
		await recordAudit(tx, {
			actor,
			ip: context.ip,
			action: 'registry.contact.remove',
			subjectType: 'unit',
			subjectId: unit.id,
			detail: { contactId: row.id, name: row.name, relation: row.relation }
		});
	});
}
