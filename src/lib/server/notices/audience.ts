/**
 * Who a notice is for. Its audience is lines of (kind, id) — an estate, a building, a floor, a
 * unit — and a party (everyone, owners or renters). Each kind says which units it names, in one
 * table: a customer type or a saved segment joins as a kind of its own with its resolver here
 * (the CRM part of issue 15), and nothing else changes. Publishing sends the notice to the
 * occupancies current that day (property/occupancy.ts, each estate's own today) of those units.
 */
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { buildings, floors, noticeAudienceKind, noticeParty, occupancies, units } from '../db/schema/index.ts';
import { currentOnSql, estateTodays, todayInEstateSql } from '../property/occupancy.ts';
import { unitNumberIs } from '../property/unit-number.ts';

const noticeAudienceKinds = noticeAudienceKind.enumValues;
export type NoticeAudienceKind = (typeof noticeAudienceKinds)[number];
export type NoticeParty = (typeof noticeParty.enumValues)[number];

export interface AudienceLine {
	kind: NoticeAudienceKind;
	targetId: string;
}

/** The units each kind names, as a condition on the units table. */
const unitsNamed: Record<NoticeAudienceKind, (ids: string[]) => SQL> = {
	estate: (ids) => inArray(units.estateId, ids),
	building: (ids) => inArray(units.buildingId, ids),
	floor: (ids) => inArray(units.floorId, ids),
	unit: (ids) => inArray(units.id, ids)
};

/** The units the lines name together (any line), or null for no line at all. */
export function audienceUnitsSql(lines: readonly AudienceLine[]): SQL | null {
	const conditions = noticeAudienceKinds.flatMap((kind) => {
		const ids = lines.filter((l) => l.kind === kind).map((l) => l.targetId);
		return ids.length ? [unitsNamed[kind](ids)] : [];
	});
	return conditions.length ? or(...conditions)! : null;
}

/** The party's condition on an occupancy's role. */
function partySql(party: NoticeParty): SQL | undefined {
	return party === 'all' ? undefined : eq(occupancies.role, party);
}

export interface AudienceOccupancy {
	occupancyId: string;
	unitId: string;
	buildingId: string;
	userId: string | null;
	companyId: string | null;
}

/** The occupancies a notice of this estate reaches now: current, in the named units, of the party. */
export async function audienceOccupancies(
	executor: Executor,
	estateId: string,
	lines: readonly AudienceLine[],
	party: NoticeParty,
	now: Date
): Promise<AudienceOccupancy[]> {
	const named = audienceUnitsSql(lines);
	if (!named) return [];
	const todays = await estateTodays(executor, now);
	return executor
		.select({
			occupancyId: occupancies.id,
			unitId: units.id,
			buildingId: units.buildingId,
			userId: occupancies.userId,
			companyId: occupancies.companyId
		})
		.from(occupancies)
		.innerJoin(units, eq(units.id, occupancies.unitId))
		.where(and(eq(units.estateId, estateId), named, partySql(party), currentOnSql(todayInEstateSql(units.estateId, todays))))
		.orderBy(units.buildingId, units.number, occupancies.id);
}

/** Whether every line names a place of this estate (a form may post any id): the ones that do not. */
export async function linesOutsideEstate(executor: Executor, estateId: string, lines: readonly AudienceLine[]): Promise<AudienceLine[]> {
	const ids = (kind: NoticeAudienceKind) => lines.filter((l) => l.kind === kind).map((l) => l.targetId);
	const found = new Set<string>();
	if (lines.some((l) => l.kind === 'estate' && l.targetId === estateId)) found.add(estateId);
	if (ids('building').length) {
		const rows = await executor
			.select({ id: buildings.id })
			.from(buildings)
			.where(and(eq(buildings.estateId, estateId), inArray(buildings.id, ids('building'))));
		for (const row of rows) found.add(row.id);
	}
	if (ids('floor').length) {
		const rows = await executor
			.select({ id: floors.id })
			.from(floors)
			.innerJoin(buildings, eq(buildings.id, floors.buildingId))
			.where(and(eq(buildings.estateId, estateId), inArray(floors.id, ids('floor'))));
		for (const row of rows) found.add(row.id);
	}
	if (ids('unit').length) {
		const rows = await executor
			.select({ id: units.id })
			.from(units)
			.where(and(eq(units.estateId, estateId), inArray(units.id, ids('unit'))));
		for (const row of rows) found.add(row.id);
	}
	return lines.filter((l) => !found.has(l.targetId));
}

/**
 * Units typed one a line as the building's code and the unit's number ("A 12A", "A-12A"; numbers
 * match as the desk's do: property/unit-number.ts): their audience lines, and the lines no unit of
 * the estate answers.
 */
export async function typedUnits(
	executor: Executor,
	estateId: string,
	text: string
): Promise<{ lines: AudienceLine[]; unknown: string[] }> {
	const typed = [
		...new Set(
			text
				.split(/\r?\n/)
				.map((line) => line.trim())
				.filter(Boolean)
		)
	].slice(0, 200);
	const lines: AudienceLine[] = [];
	const unknown: string[] = [];
	for (const entry of typed) {
		const match = /^(\S+?)[\s-]+(\S.*)$/.exec(entry);
		const number = match ? unitNumberIs(match[2]!) : null;
		const [row] =
			match && number
				? await executor
						.select({ id: units.id })
						.from(units)
						.innerJoin(buildings, eq(buildings.id, units.buildingId))
						.where(and(eq(units.estateId, estateId), sql`upper(${buildings.code}) = ${match[1]!.toUpperCase()}`, number))
						.limit(1)
				: [];
		if (row) lines.push({ kind: 'unit', targetId: row.id });
		else unknown.push(entry);
	}
	return { lines, unknown };
}
