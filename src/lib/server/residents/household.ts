import { db } from '../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import { requireSignedIn } from '../auth/guards.ts';
import { actingOccupancy, actorOccupancies } from '../property/occupancy.ts';
import { recordEvent } from '../events/service.ts';
import {
	emergencyContactSchema,
	householdMemberSchema,
	type EmergencyContactInput,
	type HouseholdMemberInput
} from '#lib/schemas/resident.ts';
import { parseInput } from '../kernel/input-error.ts';
import {
	endHouseholdRecord,
	insertHouseholdRecord,
	listHouseholdRecords,
	type HouseholdRecord,
	type HouseholdRecordInput,
	type HouseholdRecordKind
} from '../property/household-records.ts';
import type { UnitEventKind } from '../property/unit-events.ts';
import { myOccupancyIds, requireMyUnit } from './units.ts';

export interface HouseholdEntry {
	id: string;
	unitId: string;
	name: string;
	relation: string;
	phone: string;
}

const entries = (rows: HouseholdRecord[]): HouseholdEntry[] =>
	rows.map(({ id, unitId, name, relation, phone }) => ({ id, unitId, name, relation, phone }));

/**
 * Household members and emergency contacts the actor's own occupancies recorded, across every
 * unit the actor reaches today (not the landlord's, the renter's or a former occupant's).
 */
export async function myHousehold(actor: Actor): Promise<{
	members: HouseholdEntry[];
	emergencyContacts: HouseholdEntry[];
}> {
	requireSignedIn(actor);
	const scope = { occupancyIds: (await actorOccupancies(db(), actor)).map((o) => o.id) };
	const records = await listHouseholdRecords(db(), scope);
	return { members: entries(records.member), emergencyContacts: entries(records.contact) };
}

const eventNames = {
	member: { added: 'household.added', removed: 'household.removed', idKey: 'householdMemberId' },
	contact: { added: 'emergency_contact.added', removed: 'emergency_contact.removed', idKey: 'emergencyContactId' }
} as const satisfies Record<HouseholdRecordKind, { added: UnitEventKind; removed: UnitEventKind; idKey: string }>;

async function addRecord(actor: Actor, kind: HouseholdRecordKind, unitId: string, input: HouseholdRecordInput): Promise<string> {
	return db().transaction(async (tx) => {
		const unit = await requireMyUnit(actor, unitId, tx);
		// A company's record is every member's to see and edit.
		const occupancyId = actingOccupancy(unit.ties)!.occupancyId;
		const id = await insertHouseholdRecord(tx, kind, unitId, occupancyId, input, actor);
		const names = eventNames[kind];
		await recordEvent(tx, {
			actor,
			subjectType: 'unit',
			subjectId: unitId,
			kind: names.added,
			data: { [names.idKey]: id, occupancyId, name: input.name, relation: input.relation }
		});
		return id;
	});
}

/** Removes a record of the actor's own occupancy; another unit's or another occupancy's record id is a 404 like any stranger's. */
async function removeRecord(actor: Actor, kind: HouseholdRecordKind, unitId: string, id: string): Promise<void> {
	await db().transaction(async (tx) => {
		const unit = await requireMyUnit(actor, unitId, tx);
		const row = await endHouseholdRecord(tx, kind, unitId, id, myOccupancyIds(unit), actor);
		const names = eventNames[kind];
		await recordEvent(tx, {
			actor,
			subjectType: 'unit',
			subjectId: unitId,
			kind: names.removed,
			data: { [names.idKey]: row.id, occupancyId: row.occupancyId, name: row.name, relation: row.relation }
		});
	});
}

export const addHouseholdMember = (actor: Actor, unitId: string, input: HouseholdMemberInput) =>
	addRecord(actor, 'member', unitId, parseInput(householdMemberSchema, input));
export const removeHouseholdMember = (actor: Actor, unitId: string, memberId: string) => removeRecord(actor, 'member', unitId, memberId);
export const addEmergencyContact = (actor: Actor, unitId: string, input: EmergencyContactInput) =>
	addRecord(actor, 'contact', unitId, parseInput(emergencyContactSchema, input));
export const removeEmergencyContact = (actor: Actor, unitId: string, contactId: string) =>
	removeRecord(actor, 'contact', unitId, contactId);
