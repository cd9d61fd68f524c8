/** aria-describedby for a control with an optional hint (`<id>-hint`) and a possible error (`<id>-error`). */
export function described(id: string, invalid: unknown, hint = false): string | undefined {
	const ids = [hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ');
	return ids || undefined;
}

/** Whether a superforms errors object holds any message (a collapsed form then opens). */
export function hasErrors(errors: unknown): boolean {
	if (!errors || typeof errors !== 'object') return false;
	return Object.values(errors).some((value) => (Array.isArray(value) ? value.length > 0 : hasErrors(value)));
}
