import { sql, type SQL } from 'drizzle-orm';
import { units } from '../db/schema/index.ts';

/**
 * A unit number as people type it matches the registry's without regard to case or spaces:
 * "12a" and "12 A" find 12A. The one rule, for the desk's intake and the public widget alike.
 */
export function unitNumberIs(typed: string): SQL | null {
	const wanted = typed.replace(/\s+/g, '').toUpperCase().slice(0, 20);
	return wanted === '' ? null : sql`upper(replace(${units.number}, ' ', '')) = ${wanted}`;
}
