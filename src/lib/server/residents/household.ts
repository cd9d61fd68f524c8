import { asc, inArray } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { emergencyContacts, householdMembers } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { recordEvent } from '../events/service.ts';
import type { EmergencyContactInput, HouseholdMemberInput } from '../../schemas/resident.ts';
import {
	deleteHouseholdRecord,
	insertHouseholdRecord,
	type HouseholdRecordInput,
	type HouseholdRecordKind
} from '../property/household-records.ts';
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

const eventNames = {
	member: { added: 'household.added', removed: 'household.removed', idKey: 'householdMemberId' },
	contact: { added: 'emergency_contact.added', removed: 'emergency_contact.removed', idKey: 'emergencyContactId' }
} as const;

async function addRecord(actor: Actor, kind: HouseholdRecordKind, unitId: string, input: HouseholdRecordInput): Promise<string> {
	return db().transaction(async (tx) => {
		await requireMyUnit(actor, unitId, tx);
		const id = await insertHouseholdRecord(tx, kind, unitId, input);
		const names = eventNames[kind];
		await recordEvent(tx, {
			actor,
			subjectType: 'unit',
			subjectId: unitId,
			kind: names.added,
			data: { [names.idKey]: id, name: input.name, relation: input.relation }
		});
		return id;
	});
}

/** Removes a record of one of the actor's units; another unit's record id is a 404 like any stranger's. */
async function removeRecord(actor: Actor, kind: HouseholdRecordKind, unitId: string, id: string): Promise<void> {
	await db().transaction(async (tx) => {
		await requireMyUnit(actor, unitId, tx);
		const row = await deleteHouseholdRecord(tx, kind, unitId, id);
		const names = eventNames[kind];
		await recordEvent(tx, {
			actor,
			subjectType: 'unit',
			subjectId: unitId,
			kind: names.removed,
			data: { [names.idKey]: row.id, name: row.name, relation: row.relation }
		});
	});
}

export const addHouseholdMember = (actor: Actor, unitId: string, input: HouseholdMemberInput) =>
	addRecord(actor, 'member', unitId, input);
export const removeHouseholdMember = (actor: Actor, unitId: string, memberId: string) =>
	removeRecord(actor, 'member', unitId, memberId);
export const addEmergencyContact = (actor: Actor, unitId: string, input: EmergencyContactInput) =>
	addRecord(actor, 'contact', unitId, input);
export const removeEmergencyContact = (actor: Actor, unitId: string, contactId: string) =>
	removeRecord(actor, 'contact', unitId, contactId);
