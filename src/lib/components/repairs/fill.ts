/**
 * Fills a message pattern's {placeholders}. The repair form gets its wording from the server as
 * patterns in the reader's language (see texts.ts), so the phone downloads one language as page
 * data instead of every language's messages as JavaScript.
 */
export function fill(pattern: string, values: Record<string, string | number>): string {
	return pattern.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
