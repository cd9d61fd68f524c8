/**
 * Chinese typed in one script finds text stored in the other: 陈大文 finds 陳大文 and 陳大文 finds
 * 陈大文. The typed text becomes a PostgreSQL regular expression in which each character that has
 * simplified/traditional variants is a bracket of all of them (OpenCC's tables, han-variant-groups.ts).
 * Stored text is not converted, so nothing needs rewriting and any index on it still serves.
 */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { hanVariantGroups } from './han-variant-groups.ts';

let groups: Map<string, string> | undefined;

function groupOf(char: string): string | undefined {
	if (!groups) {
		groups = new Map();
		for (const group of hanVariantGroups.split(/\s+/)) for (const member of group) groups.set(member, group);
	}
	return groups.get(char);
}

/** The characters interchangeable with `char` in the other script, itself included ([char] when none). */
export function hanVariants(char: string): string[] {
	return [...(groupOf(char) ?? char)];
}

/** Whether any character of the text is written differently in the other script. */
export function hasHanVariants(text: string): boolean {
	return [...text].some((char) => groupOf(char) !== undefined);
}

/**
 * A PostgreSQL (ARE) regular expression matching the text anywhere, in either script, to be used
 * with `~*`. Only characters go in, never syntax: variants in brackets, ASCII letters and digits as
 * they are, any other ASCII character escaped, anything else alone in a bracket (where nothing but
 * ASCII ] ^ - \ is special). Runs of white space match any white space.
 */
export function eitherScriptPattern(text: string): string {
	let pattern = '';
	for (const char of text.trim().replace(/\s+/g, ' ')) {
		const group = groupOf(char);
		if (group) pattern += `[${group}]`;
		else if (char === ' ') pattern += '\\s+';
		else if (/^[A-Za-z0-9]$/.test(char)) pattern += char;
		else if (char.charCodeAt(0) < 0x80) pattern += `\\${char}`;
		else pattern += `[${char}]`;
	}
	return pattern;
}

/** The column contains the text in either script, case-insensitively. */
export function containsEitherScript(column: AnyColumn | SQL, text: string): SQL {
	return sql`${column} ~* ${eitherScriptPattern(text)}`;
}
