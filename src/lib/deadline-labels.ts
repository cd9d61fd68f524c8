// (pages and server) What each kind of deadline (server/deadlines/rules.ts) is called, in the
// reader's language or a recipient's: the sweep's notices, the staff home and the overdue page.
import { m } from '#lib/paraglide/messages.js';
import { getLocale, type Locale } from '#lib/paraglide/runtime.js';
import type { DeadlineKind } from '#lib/server/deadlines/rules.ts';

const names: Record<DeadlineKind, (inputs: Record<string, never>, options: { locale: Locale }) => string> = {
	callback: m.deadlines_kind_callback,
	rectification: m.deadlines_kind_rectification,
	promise: m.deadlines_kind_promise,
	quote: m.deadlines_kind_quote,
	signoff: m.deadlines_kind_signoff
};

export function isDeadlineKind(value: unknown): value is DeadlineKind {
	return typeof value === 'string' && Object.hasOwn(names, value);
}

/** "Callback", "Promised reply", …: what passed its deadline. */
export function deadlineLabel(kind: DeadlineKind, locale: Locale = getLocale()): string {
	return names[kind]({}, { locale });
}

const plural: Record<DeadlineKind, (inputs: Record<string, never>, options: { locale: Locale }) => string> = {
	callback: m.deadlines_kinds_callback,
	rectification: m.deadlines_kinds_rectification,
	promise: m.deadlines_kinds_promise,
	quote: m.deadlines_kinds_quote,
	signoff: m.deadlines_kinds_signoff
};

/** "Callbacks past due", …: a heading or a figure's label. */
export function deadlineKindsLabel(kind: DeadlineKind, locale: Locale = getLocale()): string {
	return plural[kind]({}, { locale });
}
