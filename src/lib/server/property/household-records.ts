import { error } from '@sveltejs/kit';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client.ts';
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

export interface HouseholdRecord extends HouseholdRecordInput {
	id: string;
	unitId: string;
	/** The occupancy that recorded it (null only for rows from before records had one). */
	occupancyId: string | null;
}

/**
 * The records of one kind in a unit (staff), or of these occupancies (a resident's own), oldest
 * first. The caller has authorised the unit or the occupancies.
 */
export async function listHouseholdRecords(
	executor: Executor,
	kind: HouseholdRecordKind,
	scope: { unitId: string } | { occupancyIds: readonly string[] }
): Promise<HouseholdRecord[]> {
	// Both tables have the same columns; the member table's type stands for either.
	const table = householdTables[kind] as typeof householdMembers;
	if ('occupancyIds' in scope && scope.occupancyIds.length === 0) return [];
	return executor
		.select({
			id: table.id,
			unitId: table.unitId,
			occupancyId: table.occupancyId,
			name: table.name,
			relation: table.relation,
			phone: table.phone
		})
		.from(table)
		.where('unitId' in scope ? eq(table.unitId, scope.unitId) : inArray(table.occupancyId, [...scope.occupancyIds]))
		.orderBy(asc(table.createdAt), asc(table.id));
}

/**
 * Adds a record to a unit the caller has already authorised. It belongs to the occupancy that
 * recorded it: that household's, not the landlord's or a later occupant's.
 */
export async function insertHouseholdRecord(
	tx: Tx,
	kind: HouseholdRecordKind,
	unitId: string,
	occupancyId: string,
	input: HouseholdRecordInput
): Promise<string> {
	const table = householdTables[kind];
	const [row] = await tx
		.insert(table)
		.values({ unitId, occupancyId, name: input.name, relation: input.relation, phone: input.phone })
		.returning({ id: table.id });
	return row!.id;
}

/**
 * Removes a record of that unit — of one of `occupancyIds` when given (a resident's own), of any
 * occupancy when null (staff). A malformed id, another unit's or another occupancy's record is a 404.
 */
export async function deleteHouseholdRecord(
	tx: Tx,
	kind: HouseholdRecordKind,
	unitId: string,
	id: string,
	occupancyIds: readonly string[] | null
): Promise<{ id: string; name: string; relation: string; occupancyId: string | null }> {
	const table = householdTables[kind];
	const [row] =
		isUuid(id) && occupancyIds?.length !== 0
			? await tx
					.delete(table)
					.where(and(eq(table.id, id), eq(table.unitId, unitId), occupancyIds ? inArray(table.occupancyId, [...occupancyIds]) : undefined))
					.returning({ id: table.id, name: table.name, relation: table.relation, occupancyId: table.occupancyId })
			: [];
	if (!row) error(404, 'Not found');
	return row;
}
