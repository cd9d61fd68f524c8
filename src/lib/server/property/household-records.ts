import { error } from '@sveltejs/kit';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import { inList, listValues, preparedOnce, type Executor, type Tx } from '../db/client.ts';
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
 * The records of both kinds in a unit (staff), or of these occupancies (a resident's own), each
 * oldest first. The caller has authorised the unit or the occupancies. One statement for both
 * tables: every page that lists them shows both, and the resident home runs this at every view.
 */
export async function listHouseholdRecords(
	executor: Executor,
	scope: { unitId: string } | { occupancyIds: readonly string[] }
): Promise<Record<HouseholdRecordKind, HouseholdRecord[]>> {
	const found: Record<HouseholdRecordKind, HouseholdRecord[]> = { member: [], contact: [] };
	if ('occupancyIds' in scope && scope.occupancyIds.length === 0) return found;
	const rows =
		'unitId' in scope
			? await recordsOfUnit(executor).execute({ unitId: scope.unitId })
			: await recordsOfOccupancies(executor, scope.occupancyIds.length).execute(listValues('occupancy', scope.occupancyIds));
	for (const { kind, createdAt: _createdAt, ...record } of rows) found[kind].push(record);
	return found;
}

/** Both tables' records matching `where` (built for one table at a time), oldest first. */
function recordsWhere(executor: Executor, where: (table: typeof householdMembers) => SQL) {
	const select = (kind: HouseholdRecordKind) => {
		// Both tables have the same columns; the member table's type stands for either.
		const table = householdTables[kind] as typeof householdMembers;
		return executor
			.select({
				kind: sql<HouseholdRecordKind>`${sql.raw(`'${kind}'`)}::text`.as('kind'),
				id: table.id,
				unitId: table.unitId,
				occupancyId: table.occupancyId,
				name: table.name,
				relation: table.relation,
				phone: table.phone,
				createdAt: table.createdAt
			})
			.from(table)
			.where(where(table));
	};
	// Ordered by the union's own column names (drizzle would name createdAt as written in TypeScript).
	return unionAll(select('member'), select('contact')).orderBy(sql`${sql.identifier('created_at')}, ${sql.identifier('id')}`);
}

const recordsOfUnit = preparedOnce((executor) =>
	recordsWhere(executor, (table) => eq(table.unitId, sql.placeholder('unitId'))).prepare('household_of_unit')
);
const recordsOfOccupancies = preparedOnce((executor, length) =>
	recordsWhere(executor, (table) => inList(table.occupancyId, 'occupancy', length)).prepare('household_of_occupancies')
);

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
