/**
 * Rule 1 (件件有回音): nothing with a deadline slips silently. Every SWEEP_INTERVAL_MINUTES a durable
 * chain of jobs looks at every estate for what is past its deadline and still waiting
 * (overdue.ts) and applies the one rule (rules.ts nextOverdueStep): the owner is told first, the
 * estate's managers once the owner's working-time grace has run out — each once, the moment on the
 * row (overdueNotifiedAt / promiseMissedAt / signoffRemindedAt …, written by a conditional UPDATE
 * in the transaction that records the event and the notices), so a run repeated, or two at once,
 * tells nobody twice. A sign-off's first step also reminds the resident; once its days are over
 * the order is closed by the machine's auto_close (repairs/auto-close.ts).
 *
 * A sweep rather than one job per deadline: it finds what was overdue before it existed (the
 * first run after an upgrade tells about every forgotten callback, once), follows a changed
 * setting at once, and needs nothing from the code that sets a deadline.
 */
import { and, eq, getTableColumns, inArray, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { numericDateTime } from '#lib/time/index.ts';
import { listText } from '#lib/list-text.ts';
import type { Db, Executor, Tx } from '../db/client.ts';
import { estates, rectificationNotices, repairCallbacks, repairOrders, repairQuotes, users } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { scheduleOnce, type JobContext } from '../jobs/queue.ts';
import { notify } from '../notify/notify.ts';
import type { StaffRole } from '../auth/permissions.ts';
import { openRepairStates } from '../repairs/machine.ts';
import { repairReference, tellAboutRepair } from '../repairs/notices.ts';
import { staffInEstate } from '../repairs/people.ts';
import { autoCloseRepair } from '../repairs/auto-close.ts';
import { calendars, overdueHref, overdueItems, type OverdueItem } from './overdue.ts';
import { deadlineLabel } from '#lib/deadline-labels.ts';
import { MANAGER_GRACE_WORKING_MINUTES, SWEEP_INTERVAL_MINUTES, nextOverdueStep, type DeadlineKind, type OverdueStep } from './rules.ts';

/** Who hears when the owner's grace has run out: the estate's managers (and for a technician's notice, the repair leads). */
const escalateTo: Record<DeadlineKind, readonly StaffRole[]> = {
	callback: ['manager'],
	rectification: ['engineering_supervisor', 'manager'],
	promise: ['manager'],
	quote: ['manager'],
	signoff: ['manager']
};

/**
 * Writes the step on the item's row if it is not written yet and the item still waits; true when
 * this run took it. `alone`: the owner step with nobody to own it, which tells the managers at
 * once and so is both steps.
 */
async function markStep(tx: Tx, item: OverdueItem, step: OverdueStep, alone: boolean, now: Date): Promise<boolean> {
	const mark = { tx, id: item.id, owner: step === 'owner', alone, now };
	switch (item.kind) {
		case 'callback': {
			const t = repairCallbacks;
			return markRow(t, eq(t.state, 'open'), t.overdueNotifiedAt, t.overdueEscalatedAt, mark);
		}
		case 'rectification': {
			const t = rectificationNotices;
			return markRow(t, eq(t.state, 'open'), t.overdueNotifiedAt, t.overdueEscalatedAt, mark);
		}
		case 'quote': {
			const t = repairQuotes;
			return markRow(t, eq(t.state, 'pending_approval'), t.overdueNotifiedAt, t.overdueEscalatedAt, mark);
		}
		case 'promise': {
			const t = repairOrders;
			// The promise the item was read for is still the order's.
			const waiting = and(inArray(t.state, [...openRepairStates]), eq(t.promisedReplyBy, item.dueAt))!;
			return markRow(t, waiting, t.promiseMissedAt, t.promiseEscalatedAt, mark);
		}
		case 'signoff': {
			const t = repairOrders;
			return markRow(t, eq(t.state, 'awaiting_signoff'), t.signoffRemindedAt, t.signoffEscalatedAt, mark);
		}
	}
}

/**
 * The one conditional UPDATE every kind's row takes: `notified` (the owner told) and `escalated`
 * (the managers told) are that table's two moments, `waiting` says the item still waits.
 */
async function markRow<T extends PgTable & { id: PgColumn }>(
	t: T,
	waiting: SQL,
	notified: PgColumn,
	escalated: PgColumn,
	{ tx, id, owner, alone, now }: { tx: Tx; id: string; owner: boolean; alone: boolean; now: Date }
): Promise<boolean> {
	const key = (column: PgColumn) => Object.entries(getTableColumns(t)).find(([, c]) => c === column)![0];
	const set = owner ? { [key(notified)]: now, ...(alone ? { [key(escalated)]: now } : {}) } : { [key(escalated)]: now };
	const rows = await tx
		.update(t)
		.set(set as PgUpdateSetSource<T>)
		.where(and(eq(t.id, id), waiting, stepOpen(owner, notified, escalated)))
		.returning({ id: t.id });
	return rows.length > 0;
}

/** The owner's step is open while nobody was told; the managers' once the owner was and they were not. */
function stepOpen(owner: boolean, notified: Parameters<typeof isNull>[0], escalated: Parameters<typeof isNull>[0]): SQL {
	return owner ? isNull(notified) : and(isNotNull(notified), isNull(escalated))!;
}

async function names(executor: Executor, ids: readonly string[]): Promise<string[]> {
	if (ids.length === 0) return [];
	const rows = await executor
		.select({ name: users.name })
		.from(users)
		.where(inArray(users.id, [...ids]));
	return rows.map((r) => r.name);
}

/**
 * One step of one item, in one transaction: the row marked (or nothing, when another run took it
 * or the item no longer waits), the event on the repair's timeline, and the notices.
 */
async function takeStep(
	database: Db,
	item: OverdueItem,
	step: OverdueStep,
	staffOf: (roles: readonly StaffRole[]) => Promise<string[]>,
	now: Date
): Promise<boolean> {
	// Read before the transaction: on PGlite a read beside an open transaction would wait for it.
	const escalation = await staffOf(escalateTo[item.kind]);
	const owners = item.ownerIds.length > 0 ? item.ownerIds : item.ownerRole ? await staffOf([item.ownerRole]) : [];
	return database.transaction(async (tx) => {
		const alone = step === 'owner' && owners.length === 0;
		if (!(await markStep(tx, item, step, alone, now))) return false;
		const told = step === 'owner' && !alone ? owners : escalation;
		const reference = repairReference(item);
		const due = numericDateTime(item.dueAt, item.timeZone);
		await recordEvent(tx, {
			actor: null,
			subjectType: 'repair',
			subjectId: item.repairId,
			kind: step === 'manager' ? 'deadline_escalated' : item.kind === 'signoff' ? 'signoff_reminded' : 'deadline_missed',
			data: { deadline: item.kind, id: item.id, deadlineAt: item.dueAt.toISOString(), told, alone }
		});
		if (item.kind === 'signoff' && step === 'owner') {
			// Reminded now: closed the days after (overdue.ts worked it out for a reminder now).
			const closeOn = numericDateTime(item.closeAt!, item.timeZone);
			await tellAboutRepair(tx, item.order, 'signoff_reminder', { userIds: [item.order.requesterId], audience: 'resident' }, { closeOn });
		}
		const ownerNames = step === 'manager' ? await names(tx, owners) : [];
		const since = item.notifiedAt ? numericDateTime(item.notifiedAt, item.timeZone) : '';
		await notify(tx, {
			userIds: told,
			kind: `deadline.${item.kind}.${step}`,
			subject: { type: 'repair', id: item.repairId },
			link: overdueHref(item),
			message: (locale: Locale) => {
				const what = deadlineLabel(item.kind, locale);
				const body =
					step === 'owner' && !alone
						? m.deadlines_notice_owner_body({ what, due, hours: String(MANAGER_GRACE_WORKING_MINUTES / 60) }, { locale })
						: alone || ownerNames.length === 0
							? m.deadlines_notice_nobody_body({ what, due }, { locale })
							: m.deadlines_notice_manager_body({ what, due, owners: listText(ownerNames, locale), since }, { locale });
				return { title: m.deadlines_notice_title({ reference, what }, { locale }), body };
			},
			channels: ['inbox', 'email']
		});
		return true;
	});
}

export interface SweepSummary {
	/** Items whose owner was told (or, with nobody to own them, the managers at once). */
	owner: number;
	/** Items whose managers were told after the owner's grace. */
	manager: number;
	/** Orders closed without a sign-off. */
	closed: number;
}

/** Sweeps one estate at `now`: tells what is due to be told, closes what is due to be closed. */
export async function sweepEstateDeadlines(database: Db, estateId: string, now: Date): Promise<SweepSummary> {
	const summary: SweepSummary = { owner: 0, manager: 0, closed: 0 };
	const workingTime = calendars(database);
	const { items, settings } = await overdueItems(database, [estateId], now, { workingTime });
	const byRoles = new Map<string, Promise<string[]>>();
	const staffOf = (roles: readonly StaffRole[]) => {
		const key = roles.join(',');
		let found = byRoles.get(key);
		if (!found) byRoles.set(key, (found = staffInEstate(database, estateId, roles).then((people) => people.map((p) => p.id))));
		return found;
	};
	for (const item of items) {
		const graceEnds = item.notifiedAt ? await workingTime.after(item.notifiedAt, MANAGER_GRACE_WORKING_MINUTES, item.timeZone) : null;
		const step = nextOverdueStep(item, now, () => graceEnds!);
		if (step && (await takeStep(database, item, step, staffOf, now))) summary[step]++;
	}
	for (const item of items) {
		if (item.kind !== 'signoff' || !item.notifiedAt) continue;
		if (await database.transaction((tx) => autoCloseRepair(tx, item.repairId, settings, now))) summary.closed++;
	}
	return summary;
}

const JOB = 'deadlines.sweep';
const INTERVAL_MS = SWEEP_INTERVAL_MINUTES * 60_000;

export interface DeadlineSweepPayload {
	/** The start of the slot the run is for (ISO). */
	slot: string;
}

const slotOf = (now: Date) => new Date(Math.floor(now.getTime() / INTERVAL_MS) * INTERVAL_MS);

function scheduleSweep(executor: Executor, slot: Date): Promise<boolean> {
	return scheduleOnce(executor, {
		kind: JOB,
		payload: { slot: slot.toISOString() } satisfies DeadlineSweepPayload,
		runAt: slot,
		dedupeKey: `${JOB}:${slot.toISOString()}`
	});
}

/** At start: the runs of the current slot and the next exist, so a chain broken by a failure resumes (and the first run comes at once). */
export async function ensureDeadlineSweepScheduled(executor: Executor, now: Date = new Date()): Promise<void> {
	const slot = slotOf(now);
	await scheduleSweep(executor, slot);
	await scheduleSweep(executor, new Date(slot.getTime() + INTERVAL_MS));
}

/**
 * The job: schedule the next slot first (a failing sweep must not end the chain), then sweep
 * every estate. One estate's failure does not keep the others from their turn; it fails the job
 * afterwards, and the retry sweeps again (nothing is told twice).
 */
export async function runDeadlineSweepJob(payload: DeadlineSweepPayload, { db, now }: JobContext): Promise<void> {
	const slot = new Date(Math.max(new Date(payload.slot).getTime(), slotOf(now).getTime()));
	await scheduleSweep(db, new Date(slot.getTime() + INTERVAL_MS));
	const failures: unknown[] = [];
	for (const estate of await db.select({ id: estates.id }).from(estates)) {
		try {
			await sweepEstateDeadlines(db, estate.id, now);
		} catch (err) {
			failures.push(err);
		}
	}
	if (failures.length) throw failures[0];
}
