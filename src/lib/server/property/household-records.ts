import { error } from '@sveltejs/kit';
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import { inList, listValues, preparedOnce, type Executor, type Tx } from '../db/client.ts';
import { emergencyContacts, householdMembers } from '../db/schema/index.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { fileInArchive } from '../archive/file.ts';

/** Where each kind is filed in the unit's file (一戶一檔): its archive kind and source type. */
const archived = {
	member: { kind: 'household', sourceType: 'household_member' },
	contact: { kind: 'contact', sourceType: 'emergency_contact' }
} as const;

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
 * The current records of both kinds in a unit (staff), or of these occupancies (a resident's own),
 * each oldest first; ended ones stay in the unit's file only. The caller has authorised the unit or the occupancies. One statement for both
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
			.where(and(where(table), isNull(table.endedAt)));
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
	input: HouseholdRecordInput,
	actor: { userId: string } | null = null
): Promise<string> {
	const table = householdTables[kind];
	const [row] = await tx
		.insert(table)
		.values({ unitId, occupancyId, name: input.name, relation: input.relation, phone: input.phone })
		.returning({ id: table.id });
	await fileInArchive(tx, {
		unitId,
		occupancyId,
		kind: archived[kind].kind,
		sourceType: archived[kind].sourceType,
		sourceId: row!.id,
		summary: { name: input.name, relation: input.relation },
		actor
	});
	return row!.id;
}

/**
 * Ends a current record of that unit — of one of `occupancyIds` when given (a resident's own), of
 * any occupancy when null (staff). It is never deleted: it leaves the lists and the front desk's
 * search but stays in the unit's file, where its end is filed too. A malformed id, another unit's
 * or another occupancy's record, or one already ended is a 404.
 */
export async function endHouseholdRecord(
	tx: Tx,
	kind: HouseholdRecordKind,
	unitId: string,
	id: string,
	occupancyIds: readonly string[] | null,
	actor: { userId: string } | null,
	now: Date = new Date()
): Promise<{ id: string; name: string; relation: string; occupancyId: string | null }> {
	const table = householdTables[kind];
	const [row] =
		isUuid(id) && occupancyIds?.length !== 0
			? await tx
					.update(table)
					.set({ endedAt: now, endedBy: actor?.userId ?? null })
					.where(
						and(
							eq(table.id, id),
							eq(table.unitId, unitId),
							isNull(table.endedAt),
							occupancyIds ? inArray(table.occupancyId, [...occupancyIds]) : undefined
						)
					)
					.returning({ id: table.id, name: table.name, relation: table.relation, occupancyId: table.occupancyId })
			: [];
	if (!row) error(404, 'Not found');
	await fileInArchive(tx, {
		unitId,
		occupancyId: row.occupancyId,
		kind: archived[kind].kind,
		sourceType: archived[kind].sourceType,
		sourceId: row.id,
		summary: { name: row.name, relation: row.relation, ended: true },
		actor
	});
	return row;
}
