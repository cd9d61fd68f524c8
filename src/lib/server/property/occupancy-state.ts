import { gte, isNull, or, sql, type SQL } from 'drizzle-orm';
import { occupancies } from '../db/schema/index.ts';

/**
 * An occupancy is current until the end of its last day; an ended one stays on the record as
 * history. The same rule as the resident side (residents/units.ts).
 */
export function currentOccupancy(): SQL {
	return or(isNull(occupancies.endsOn), gte(occupancies.endsOn, sql`current_date`))!;
}
