import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { containsEitherScript, hasHanVariants } from './han-variants.ts';

/** LIKE's wildcards and its escape character as literal characters: whatever is typed is text. */
export function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The column contains the typed text, case-insensitively; Chinese typed in either script finds
 * the other (han-variants.ts). Plain ILIKE otherwise, which a pg_trgm index on the column serves.
 */
export function containsText(column: AnyColumn | SQL, text: string): SQL {
	if (hasHanVariants(text)) return containsEitherScript(column, text);
	return sql`${column} ilike ${`%${escapeLike(text.trim().replace(/\s+/g, ' '))}%`}`;
}
