import { error } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { emergencyContacts, householdMembers } from '../db/schema/index.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';

/** The people recorded on a unit besides its occupants: household members and emergency contacts. */
export const householdTables = { member: householdMembers, contact: emergencyContacts } as const;
export type HouseholdRecordKind = keyof typeof householdTables;

export interface HouseholdRecordInput {
	name: string;
	relation: string;
	phone: string;
}

/** Adds a record to a unit the caller has already authorised. */
export async function insertHouseholdRecord(
	tx: Tx,
	kind: HouseholdRecordKind,
	unitId: string,
	input: HouseholdRecordInput
): Promise<string> {
	const table = householdTables[kind];
	const [row] = await tx
		.insert(table)
		.values({ unitId, name: input.name, relation: input.relation, phone: input.phone })
		.returning({ id: table.id });
	return row!.id;
}

/** Removes a record of that unit; a malformed id or another unit's record is a 404. */
export async function deleteHouseholdRecord(
	tx: Tx,
	kind: HouseholdRecordKind,
	unitId: string,
	id: string
): Promise<{ id: string; name: string; relation: string }> {
	const table = householdTables[kind];
	const [row] = isUuid(id)
		? await tx
				.delete(table)
				.where(and(eq(table.id, id), eq(table.unitId, unitId)))
				.returning({ id: table.id, name: table.name, relation: table.relation })
		: [];
	if (!row) error(404, 'Not found');
	return row;
}
