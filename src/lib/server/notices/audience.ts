/**
 * Who a notice is for. Its audience is lines of (kind, id) — an estate, a building, a floor, a
 * unit, a customer type, a customer segment — and a party (everyone, owners or renters). Each kind says which units it names, in one
 * table: a customer type or a saved segment joins as a kind of its own with its resolver here
 * (the CRM part of issue 15), and nothing else changes. Publishing sends the notice to the
 * occupancies current that day (property/occupancy.ts, each estate's own today) of those units.
 */
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { buildings, customerTypes, floors, noticeAudienceKind, noticeParty, occupancies, segments, units } from '../db/schema/index.ts';
import { currentOnSql, estateTodays, todayInEstateSql } from '../property/occupancy.ts';
import { unitNumberIs } from '../property/unit-number.ts';
import { customerTypeOccupanciesSql, segmentOccupanciesSql } from '../customers/segments.ts';
import type { BusinessDate } from '#lib/time/index.ts';

const noticeAudienceKinds = noticeAudienceKind.enumValues;
export type NoticeAudienceKind = (typeof noticeAudienceKinds)[number];
export type NoticeParty = (typeof noticeParty.enumValues)[number];

export interface AudienceLine {
	kind: NoticeAudienceKind;
	targetId: string;
}

/** Where the lines are resolved: the notice's estate, its today, the transaction. */
interface Within {
	executor: Executor;
	estateId: string;
	todays: ReadonlyMap<string, BusinessDate>;
}

/**
 * The occupancies each kind names, as a condition on occupancies joined to their units: a place
 * names the units in it; a customer type the occupancies its customers hold; a segment the
 * occupancies of its members in the notice's estate (customers/segments.ts).
 */
const named: Record<NoticeAudienceKind, (ids: string[], within: Within) => SQL | Promise<SQL>> = {
	estate: (ids) => inArray(units.estateId, ids),
	building: (ids) => inArray(units.buildingId, ids),
	floor: (ids) => inArray(units.floorId, ids),
	unit: (ids) => inArray(units.id, ids),
	customer_type: (ids) => customerTypeOccupanciesSql(ids),
	segment: (ids, within) => segmentOccupanciesSql(within.executor, ids, [within.estateId], within.todays)
};

/** What the lines name together (any line), or null for no line at all. */
export async function audienceSql(lines: readonly AudienceLine[], within: Within): Promise<SQL | null> {
	const conditions = await Promise.all(
		noticeAudienceKinds.flatMap((kind) => {
			const ids = lines.filter((l) => l.kind === kind).map((l) => l.targetId);
			return ids.length ? [Promise.resolve(named[kind](ids, within))] : [];
		})
	);
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
	const todays = await estateTodays(executor, now);
	const chosen = await audienceSql(lines, { executor, estateId, todays });
	if (!chosen) return [];
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
		.where(and(eq(units.estateId, estateId), chosen, partySql(party), currentOnSql(todayInEstateSql(units.estateId, todays))))
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
	// Segments and customer types are every estate's: known and in use (their members are the estate's, when resolved).
	if (ids('segment').length) {
		const rows = await executor
			.select({ id: segments.id })
			.from(segments)
			.where(and(eq(segments.archived, false), inArray(segments.id, ids('segment'))));
		for (const row of rows) found.add(row.id);
	}
	if (ids('customer_type').length) {
		const rows = await executor
			.select({ id: customerTypes.id })
			.from(customerTypes)
			.where(and(eq(customerTypes.active, true), inArray(customerTypes.id, ids('customer_type'))));
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
