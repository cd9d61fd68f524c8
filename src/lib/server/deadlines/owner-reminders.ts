/**
 * The morning reminder of a task with an owner and a due day (a survey's corrective action, a
 * visit's follow-up): due tomorrow or earlier and not yet reminded today; the owner is told, and
 * once the day has passed the estate's managers too. Each kind keeps its own job and words.
 */
import { and, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { addDays, type BusinessDate } from '#lib/time/index.ts';

/** The rows whose reminder is due this morning (dueOn ≤ tomorrow, remindedOn before today or never). */
export function reminderDue(columns: { dueOn: PgColumn; remindedOn: PgColumn }, today: BusinessDate): SQL {
	return and(lte(columns.dueOn, addDays(today, 1)), or(isNull(columns.remindedOn), lt(columns.remindedOn, today)))!;
}

/** Whom to tell: the owner; once overdue, the managers as well. */
export function reminderRecipients(
	task: { ownerId: string; dueOn: BusinessDate },
	managers: readonly string[],
	today: BusinessDate
): { overdue: boolean; userIds: string[] } {
	const overdue = task.dueOn < today;
	return { overdue, userIds: overdue ? [...new Set([task.ownerId, ...managers])] : [task.ownerId] };
}
