/**
 * The one rule for control characters in what people send (form fields, file names, search
 * parameters): C0 controls and DEL are removed, except tab, line feed and carriage return, which
 * multi-line text needs. PostgreSQL cannot store NUL in text at all (it answered 500), and
 * the others are never typed on purpose. Applied once, to every request, by request-guard.ts.
 */
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export function hasControlCharacters(text: string): boolean {
	// search() ignores the g flag's lastIndex, unlike test().
	return text.search(controls) !== -1;
}

export function stripControlCharacters(text: string): string {
	return text.replace(controls, '');
}
