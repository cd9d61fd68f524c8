/**
 * Rule 1 (件件有回音) for every deadline the app sets, as pure rules: which deadlines there are,
 * when each passes, and the one rule of who is told — the owner first, the estate's managers a
 * working-time grace later, each once. The sweep (sweep.ts) applies them; the lists (overdue.ts)
 * read the same definitions, so what the staff home counts is what the sweep tells about.
 */

/** Every deadline the sweep watches, in the order lists show them. */
export const deadlineKinds = ['callback', 'rectification', 'promise', 'quote', 'signoff'] as const;
export type DeadlineKind = (typeof deadlineKinds)[number];

/** Who is told at a step: the one who holds the case, then the estate's managers. */
export type OverdueStep = 'owner' | 'manager';

/** The owner has this much working time (its estate's calendar) to act before the managers hear. */
export const MANAGER_GRACE_WORKING_MINUTES = 120;

/** A paid-service quote waits at most this much working time for a supervisor's approval. */
export const QUOTE_APPROVAL_WORKING_MINUTES = 4 * 60;

/** Every fifteen minutes the sweep looks at every estate: a passed deadline is told within that. */
export const SWEEP_INTERVAL_MINUTES = 15;

export interface OverdueFacts {
	/** When the deadline passes. */
	dueAt: Date;
	/** When the owner was told (null: not yet). */
	notifiedAt: Date | null;
	/** When the managers were told (null: not yet). */
	escalatedAt: Date | null;
}

/**
 * The next step for a case still waiting on something: none before its deadline; then the owner;
 * then, once the owner's grace has run out (`managersFrom(notifiedAt)`: the owner's telling plus
 * the grace in working time), the managers; then nothing more.
 */
export function nextOverdueStep(item: OverdueFacts, now: Date, managersFrom: (notifiedAt: Date) => Date): OverdueStep | null {
	if (item.dueAt.getTime() > now.getTime()) return null;
	if (!item.notifiedAt) return 'owner';
	if (item.escalatedAt) return null;
	return managersFrom(item.notifiedAt).getTime() <= now.getTime() ? 'manager' : null;
}

/** How long a finished repair waits for the resident's sign-off, in days (admin-edited). */
export interface SignoffSettings {
	/** Days after the work was done that the resident is reminded (and the owner told). */
	remindAfterDays: number;
	/** Days after the work was done that the system closes the order. */
	closeAfterDays: number;
}

export const DEFAULT_SIGNOFF_SETTINGS: Readonly<SignoffSettings> = Object.freeze({ remindAfterDays: 3, closeAfterDays: 7 });

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a finished order's sign-off reminder is due and when it is closed without one. */
export function signoffSchedule(workDoneAt: Date, settings: SignoffSettings): { remindAt: Date; closeAt: Date } {
	return {
		remindAt: new Date(workDoneAt.getTime() + settings.remindAfterDays * DAY_MS),
		closeAt: new Date(workDoneAt.getTime() + settings.closeAfterDays * DAY_MS)
	};
}

/**
 * When the system may close an order nobody signed: never before the resident was reminded, and
 * the resident always has the days between reminder and close after the reminder — an order found
 * long overdue (the first sweep after an upgrade, a changed setting) is reminded first, not closed
 * in the same breath.
 */
export function signoffCloseAt(workDoneAt: Date, remindedAt: Date | null, settings: SignoffSettings): Date | null {
	if (!remindedAt) return null;
	const gap = (settings.closeAfterDays - settings.remindAfterDays) * DAY_MS;
	return new Date(Math.max(signoffSchedule(workDoneAt, settings).closeAt.getTime(), remindedAt.getTime() + gap));
}

/** Orders whose work was done at or before this instant have their sign-off reminder due by `now`. */
export function signoffRemindCutoff(now: Date, settings: SignoffSettings): Date {
	return new Date(now.getTime() - settings.remindAfterDays * DAY_MS);
}
