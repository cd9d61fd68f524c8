/**
 * The estates' own time zones, as the fees domain needs them: a unit's bills are issued, fall
 * due and are reminded on its estate's business dates (src/lib/time), and a receipt or a
 * payment shows the time of its estate. The estates table is small: read whole.
 */
import { eq, inArray } from 'drizzle-orm';
import { businessToday, DEFAULT_TIME_ZONE, type BusinessDate } from '#lib/time/index.ts';
import type { Executor } from '../db/client.ts';
import { estates, units } from '../db/schema/index.ts';

export interface EstateZone {
	id: string;
	timeZone: string;
}

/** Every estate's zone, by id. */
export async function estateZones(executor: Executor): Promise<Map<string, EstateZone>> {
	const rows = await executor.select({ id: estates.id, timeZone: estates.timeZone }).from(estates);
	return new Map(rows.map((row) => [row.id, row]));
}

/** The estate's zone; throws for an unknown estate (callers found the estate first). */
export async function estateZone(executor: Executor, estateId: string): Promise<EstateZone> {
	const [row] = await executor.select({ id: estates.id, timeZone: estates.timeZone }).from(estates).where(eq(estates.id, estateId));
	if (!row) throw new Error(`No estate ${estateId}.`);
	return row;
}

/**
 * The latest of several estates' todays: "this month" of a list or report over several estates
 * (a month that has begun in one of them), and the day a general price counts as in force.
 */
export function latestToday(zones: Iterable<EstateZone>, now: Date = new Date()): BusinessDate {
	let latest = '';
	for (const zone of zones) {
		const today = businessToday(zone, now);
		if (today > latest) latest = today;
	}
	// No estate at all (staff assigned to none see nothing): a date that belongs to no estate.
	return latest || businessToday({ timeZone: DEFAULT_TIME_ZONE }, now);
}

/** Today in each unit's estate, by unit id (units not found are left out). */
export async function unitTodays(
	executor: Executor,
	unitIds: readonly string[],
	now: Date = new Date()
): Promise<Map<string, BusinessDate>> {
	if (unitIds.length === 0) return new Map();
	const rows = await executor
		.select({ id: units.id, timeZone: estates.timeZone })
		.from(units)
		.innerJoin(estates, eq(estates.id, units.estateId))
		.where(inArray(units.id, [...new Set(unitIds)]));
	return new Map(rows.map((row) => [row.id, businessToday(row, now)]));
}
