import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { floors } from '../db/schema/index.ts';

/** The label staff and residents read: G/F for the ground floor, B1 for the first basement. */
export function floorLabel(level: number): string {
	if (level === 0) return 'G/F';
	if (level < 0) return `B${-level}`;
	return `${level}/F`;
}

/** The floor of a building at a level, created the first time a unit is put on it. */
export async function floorAt(executor: Executor, buildingId: string, level: number): Promise<string> {
	await executor
		.insert(floors)
		.values({ buildingId, level, label: floorLabel(level) })
		.onConflictDoNothing({ target: [floors.buildingId, floors.level] });
	const [floor] = await executor
		.select({ id: floors.id })
		.from(floors)
		.where(and(eq(floors.buildingId, buildingId), eq(floors.level, level)));
	return floor!.id;
}

/** The same labels in SQL, for set-based imports. */
export const floorLabelSql = (level: SQL) =>
	sql`case when ${level} = 0 then 'G/F' when ${level} < 0 then 'B' || (-${level})::text else ${level}::text || '/F' end`;
