import { error } from '@sveltejs/kit';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { emergencyContacts, householdMembers } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { recordEvent } from '../events/service.ts';
import type { EmergencyContactInput, HouseholdMemberInput } from '../../schemas/resident.ts';
import { isUuid } from '../db/ids.ts';
import { myUnits, requireMyUnit } from './units.ts';

export interface HouseholdEntry {
	id: string;
	unitId: string;
	name: string;
	relation: string;
	phone: string;
}

/** Household members and emergency contacts of every unit the actor reaches today. */
export async function myHousehold(actor: Actor): Promise<{
	members: HouseholdEntry[];
	emergencyContacts: HouseholdEntry[];
}> {
	const unitIds = (await myUnits(actor)).map((u) => u.id);
	if (unitIds.length === 0) return { members: [], emergencyContacts: [] };
	const [members, contacts] = await Promise.all([
		db()
			.select({
				id: householdMembers.id,
				unitId: householdMembers.unitId,
				name: householdMembers.name,
				relation: householdMembers.relation,
				phone: householdMembers.phone
			})
			.from(householdMembers)
			.where(inArray(householdMembers.unitId, unitIds))
			.orderBy(asc(householdMembers.createdAt), asc(householdMembers.id)),
		db()
			.select({
				id: emergencyContacts.id,
				unitId: emergencyContacts.unitId,
				name: emergencyContacts.name,
				relation: emergencyContacts.relation,
				phone: emergencyContacts.phone
			})
			.from(emergencyContacts)
			.where(inArray(emergencyContacts.unitId, unitIds))
			.orderBy(asc(emergencyContacts.createdAt), asc(emergencyContacts.id))
	]);
	return { members, emergencyContacts: contacts };
}

export async function addHouseholdMember(actor: Actor, unitId: string, input: HouseholdMemberInput): Promise<string> {
	return db().transaction(async (tx) => {
		await requireMyUnit(actor, unitId, tx);
		const [row] = await tx
			.insert(householdMembers)
			.values({ unitId, name: input.name, relation: input.relation, phone: input.phone })
			.returning({ id: householdMembers.id });
		await recordEvent(tx, {
			actor,
			subjectType: 'unit',
			subjectId: unitId,
			kind: 'household.added',
			data: { householdMemberId: row!.id, name: input.name, relation: input.relation }
		});
		return row!.id;
	});
}

/** Removes a member of this unit's household; another unit's member id is a 404 like any stranger's. */
export async function removeHouseholdMember(actor: Actor, unitId: string, memberId: string): Promise<void> {
	await db().transaction(async (tx) => {
		await requireMyUnit(actor, unitId, tx);
		if (!isUuid(memberId)) error(404, 'Not found');
		const [row] = await tx
			.delete(householdMembers)
			.where(and(eq(householdMembers.id, memberId), eq(householdMembers.unitId, unitId)))
			.returning({ name: householdMembers.name, relation: householdMembers.relation });
		if (!row) error(404, 'Not found');
		await recordEvent(tx, {
			actor,
			subjectType: 'unit',
			subjectId: unitId,
			kind: 'household.removed',
			data: { householdMemberId: memberId, name: row.name, relation: row.relation }
		});
	});
}

export async function addEmergencyContact(actor: Actor, unitId: string, input: EmergencyContactInput): Promise<string> {
	return db().transaction(async (tx) => {
		await requireMyUnit(actor, unitId, tx);
		const [row] = await tx
			.insert(emergencyContacts)
			.values({ unitId, name: input.name, relation: input.relation, phone: input.phone })
			.returning({ id: emergencyContacts.id });
		await recordEvent(tx, {
			actor,
			subjectType: 'unit',
			subjectId: unitId,
			kind: 'emergency_contact.added',
			data: { emergencyContactId: row!.id, name: input.name, relation: input.relation }
		});
		return row!.id;
	});
}

export async function removeEmergencyContact(actor: Actor, unitId: string, contactId: string): Promise<void> {
	await db().transaction(async (tx) => {
		await requireMyUnit(actor, unitId, tx);
		if (!isUuid(contactId)) error(404, 'Not found');
		const [row] = await tx
			.delete(emergencyContacts)
			.where(and(eq(emergencyContacts.id, contactId), eq(emergencyContacts.unitId, unitId)))
			.returning({ name: emergencyContacts.name, relation: emergencyContacts.relation });
		if (!row) error(404, 'Not found');
		await recordEvent(tx, {
			actor,
			subjectType: 'unit',
			subjectId: unitId,
			kind: 'emergency_contact.removed',
			data: { emergencyContactId: contactId, name: row.name, relation: row.relation }
		});
	});
}
