/**
 * What is past its deadline and still waiting, of every kind (rules.ts), read one way for the
 * sweep that tells about it (sweep.ts), the staff home and the overdue page (queries.ts): a
 * callback still open after its due time, a rectification notice still open after its 24 hours, a
 * promised reply time passed with no reply since the promise, a quote waiting for a supervisor
 * longer than QUOTE_APPROVAL_WORKING_MINUTES, a finished repair waiting for the resident's sign-off
 * longer than the configured days. Each item says who owns it (who is told first) and what the
 * sweep has already told.
 */
import { and, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import {
	buildings,
	estates,
	events,
	rectificationNotices,
	repairCallbacks,
	repairKinds,
	repairOrders,
	repairQuotes,
	units,
	users
} from '../db/schema/index.ts';
import { loadCalendar } from '../calendar/store.ts';
import { addWorkingMinutes, type WorkingCalendar } from '../calendar/working-time.ts';
import { loadSignoffSettings } from '../dictionaries/signoff-settings.ts';
import { openRepairStates } from '../repairs/machine.ts';
import { repairEventKinds } from '../repairs/event-kinds.ts';
import { staffInEstate } from '../repairs/people.ts';
import {
	QUOTE_APPROVAL_WORKING_MINUTES,
	deadlineKinds,
	signoffCloseAt,
	signoffRemindCutoff,
	signoffSchedule,
	type DeadlineKind,
	type SignoffSettings
} from './rules.ts';

export interface OverdueItem {
	kind: DeadlineKind;
	/** The row the deadline is on: the callback, the notice, the order (promise, sign-off) or the quote. */
	id: string;
	repairId: string;
	seq: number;
	estateId: string;
	timeZone: string;
	dueAt: Date;
	/** When the owner was told, and when the managers were (null: not yet). */
	notifiedAt: Date | null;
	escalatedAt: Date | null;
	/** Who is told first; empty when nobody holds it (the managers are then told at once). */
	ownerIds: string[];
	repairKind: { nameEn: string; nameZhHans: string; nameZhHant: string };
	/** Building · unit. */
	place: string;
	/** The order's party, for the sign-off reminder. */
	order: { id: string; seq: number; unitId: string; occupancyId: string | null; requesterId: string | null };
	/** A sign-off's: when the system closes the order (not reminded yet: if reminded now). */
	closeAt: Date | null;
}

/** Which estates to read: these, or every estate (null). */
export type EstateScope = readonly string[] | null;

/** Working calendars by time zone, read once per sweep or page. */
export interface Calendars {
	/** `minutes` of working time after `from` in the zone; plain minutes when the calendar has no hours at all. */
	after(from: Date, minutes: number, timeZone: string): Promise<Date>;
}

export function calendars(executor: Executor): Calendars {
	const byZone = new Map<string, Promise<WorkingCalendar>>();
	const of = (timeZone: string) => {
		let calendar = byZone.get(timeZone);
		if (!calendar) byZone.set(timeZone, (calendar = loadCalendar(executor, timeZone)));
		return calendar;
	};
	return {
		async after(from, minutes, timeZone) {
			try {
				return addWorkingMinutes(from, minutes, await of(timeZone));
			} catch (err) {
				if (err instanceof RangeError) return new Date(from.getTime() + minutes * 60_000);
				throw err;
			}
		}
	};
}

/** The order's columns every item carries. */
const orderColumns = {
	repairId: repairOrders.id,
	seq: repairOrders.seq,
	estateId: repairOrders.estateId,
	timeZone: estates.timeZone,
	repairKind: { nameEn: repairKinds.nameEn, nameZhHans: repairKinds.nameZhHans, nameZhHant: repairKinds.nameZhHant },
	place: sql<string>`(select ${buildings.name} || ' · ' || ${units.number} from ${units} inner join ${buildings} on ${buildings.id} = ${units.buildingId} where ${units.id} = ${repairOrders.unitId})`,
	unitId: repairOrders.unitId,
	occupancyId: repairOrders.occupancyId,
	requesterId: repairOrders.requesterId,
	ownerId: repairOrders.ownerId,
	technicianId: repairOrders.technicianId
};

type OrderRow = {
	repairId: string;
	seq: number;
	estateId: string;
	timeZone: string;
	repairKind: OverdueItem['repairKind'];
	place: string;
	unitId: string;
	occupancyId: string | null;
	requesterId: string | null;
};

function inScope(scope: EstateScope): SQL | undefined {
	if (scope === null) return undefined;
	if (scope.length === 0) return sql`false`;
	return inArray(repairOrders.estateId, [...scope]);
}

function item(
	kind: DeadlineKind,
	row: OrderRow,
	facts: { id: string; dueAt: Date; notifiedAt: Date | null; escalatedAt: Date | null; ownerIds: (string | null)[]; closeAt?: Date }
): OverdueItem {
	return {
		kind,
		id: facts.id,
		repairId: row.repairId,
		seq: row.seq,
		estateId: row.estateId,
		timeZone: row.timeZone,
		dueAt: facts.dueAt,
		notifiedAt: facts.notifiedAt,
		escalatedAt: facts.escalatedAt,
		ownerIds: [...new Set(facts.ownerIds.filter((id): id is string => !!id))],
		repairKind: row.repairKind,
		place: row.place,
		order: { id: row.repairId, seq: row.seq, unitId: row.unitId, occupancyId: row.occupancyId, requesterId: row.requesterId },
		closeAt: facts.closeAt ?? null
	};
}

/** The repair leads of each estate, read once per estate. */
type RepairLeads = (estateId: string) => Promise<string[]>;

function repairLeadsOf(executor: Executor): RepairLeads {
	const cache = new Map<string, Promise<string[]>>();
	return (estateId) => {
		let found = cache.get(estateId);
		if (!found) {
			found = staffInEstate(executor, estateId, ['engineering_supervisor']).then((people) => people.map((p) => p.id));
			cache.set(estateId, found);
		}
		return found;
	};
}

/** Callbacks (回訪) still open after their due time; the assignee owns each. */
async function overdueCallbacks(executor: Executor, scope: EstateScope, now: Date): Promise<OverdueItem[]> {
	const rows = await executor
		.select({
			...orderColumns,
			id: repairCallbacks.id,
			dueAt: repairCallbacks.dueAt,
			assigneeId: repairCallbacks.assigneeId,
			notifiedAt: repairCallbacks.overdueNotifiedAt,
			escalatedAt: repairCallbacks.overdueEscalatedAt
		})
		.from(repairCallbacks)
		.innerJoin(repairOrders, eq(repairOrders.id, repairCallbacks.repairId))
		.innerJoin(estates, eq(estates.id, repairOrders.estateId))
		.innerJoin(repairKinds, eq(repairKinds.id, repairOrders.kindId))
		.where(and(eq(repairCallbacks.state, 'open'), lte(repairCallbacks.dueAt, now), inScope(scope)));
	return rows.map((row) => item('callback', row, { ...row, ownerIds: [row.assigneeId] }));
}

/** Rectification notices (整改通知) still open after their 24 hours; the technician owns each (no technician: the repair leads). */
async function overdueRectifications(executor: Executor, scope: EstateScope, now: Date, repairLeads: RepairLeads): Promise<OverdueItem[]> {
	const rows = await executor
		.select({
			...orderColumns,
			id: rectificationNotices.id,
			dueAt: rectificationNotices.dueAt,
			noticeTechnicianId: rectificationNotices.technicianId,
			notifiedAt: rectificationNotices.overdueNotifiedAt,
			escalatedAt: rectificationNotices.overdueEscalatedAt
		})
		.from(rectificationNotices)
		.innerJoin(repairOrders, eq(repairOrders.id, rectificationNotices.repairId))
		.innerJoin(estates, eq(estates.id, repairOrders.estateId))
		.innerJoin(repairKinds, eq(repairKinds.id, repairOrders.kindId))
		.where(and(eq(rectificationNotices.state, 'open'), lte(rectificationNotices.dueAt, now), inScope(scope)));
	const items: OverdueItem[] = [];
	for (const row of rows) {
		const ownerIds = row.noticeTechnicianId ? [row.noticeTechnicianId] : await repairLeads(row.estateId);
		items.push(item('rectification', row, { ...row, ownerIds }));
	}
	return items;
}

/** What the resident hears from the office on a repair's timeline: the events they read, other than the promise itself. */
const replyKinds = Object.entries(repairEventKinds)
	.filter(([kind, audience]) => audience === 'all' && kind !== 'reply_promised')
	.map(([kind]) => kind);

/**
 * A promise is kept by a reply: an event the resident reads, written by staff, after the latest
 * promise was made (before any promise event: since the order came in).
 */
function promiseKept(): SQL {
	const promisedAt = sql`coalesce((select max(p.at) from ${events} p where p.subject_type = 'repair' and p.subject_id = ${repairOrders.id}::text and p.kind = 'reply_promised'), ${repairOrders.createdAt})`;
	return sql`exists (select 1 from ${events} e inner join ${users} u on u.id = e.actor_id and u.kind = 'staff'
		where e.subject_type = 'repair' and e.subject_id = ${repairOrders.id}::text
		and e.kind in (${sql.join(
			replyKinds.map((k) => sql`${k}`),
			sql`, `
		)}) and e.at > ${promisedAt})`;
}

/** Open orders whose promised reply time (首問) passed with no reply since the promise; the order's owner owns each. */
async function missedPromises(executor: Executor, scope: EstateScope, now: Date): Promise<OverdueItem[]> {
	const rows = await executor
		.select({
			...orderColumns,
			promisedReplyBy: repairOrders.promisedReplyBy,
			notifiedAt: repairOrders.promiseMissedAt,
			escalatedAt: repairOrders.promiseEscalatedAt
		})
		.from(repairOrders)
		.innerJoin(estates, eq(estates.id, repairOrders.estateId))
		.innerJoin(repairKinds, eq(repairKinds.id, repairOrders.kindId))
		.where(
			and(
				inArray(repairOrders.state, [...openRepairStates]),
				lte(repairOrders.promisedReplyBy, now),
				inScope(scope),
				sql`not ${promiseKept()}`
			)
		);
	return rows.map((row) => item('promise', row, { ...row, id: row.repairId, dueAt: row.promisedReplyBy!, ownerIds: [row.ownerId] }));
}

/** Quotes waiting for a supervisor's approval longer than the limit (working time); the estate's repair leads own each. */
async function waitingQuotes(
	executor: Executor,
	scope: EstateScope,
	now: Date,
	repairLeads: RepairLeads,
	workingTime: Calendars
): Promise<OverdueItem[]> {
	const rows = await executor
		.select({
			...orderColumns,
			id: repairQuotes.id,
			createdAt: repairQuotes.createdAt,
			notifiedAt: repairQuotes.overdueNotifiedAt,
			escalatedAt: repairQuotes.overdueEscalatedAt
		})
		.from(repairQuotes)
		.innerJoin(repairOrders, eq(repairOrders.id, repairQuotes.repairId))
		.innerJoin(estates, eq(estates.id, repairOrders.estateId))
		.innerJoin(repairKinds, eq(repairKinds.id, repairOrders.kindId))
		.where(
			and(
				eq(repairQuotes.state, 'pending_approval'),
				// Working time is never shorter than wall time: older than the limit in plain minutes at least.
				lte(repairQuotes.createdAt, new Date(now.getTime() - QUOTE_APPROVAL_WORKING_MINUTES * 60_000)),
				inScope(scope)
			)
		);
	const items: OverdueItem[] = [];
	for (const row of rows) {
		const dueAt = await workingTime.after(row.createdAt, QUOTE_APPROVAL_WORKING_MINUTES, row.timeZone);
		if (dueAt > now) continue;
		items.push(item('quote', row, { ...row, dueAt, ownerIds: await repairLeads(row.estateId) }));
	}
	return items;
}

/** Finished orders waiting for the resident's sign-off longer than the reminder days; the owner (else the technician) owns each. */
async function staleSignoffs(executor: Executor, scope: EstateScope, now: Date, settings: SignoffSettings): Promise<OverdueItem[]> {
	const remindBefore = signoffRemindCutoff(now, settings);
	const rows = await executor
		.select({
			...orderColumns,
			workDoneAt: repairOrders.workDoneAt,
			notifiedAt: repairOrders.signoffRemindedAt,
			escalatedAt: repairOrders.signoffEscalatedAt
		})
		.from(repairOrders)
		.innerJoin(estates, eq(estates.id, repairOrders.estateId))
		.innerJoin(repairKinds, eq(repairKinds.id, repairOrders.kindId))
		.where(and(eq(repairOrders.state, 'awaiting_signoff'), lte(repairOrders.workDoneAt, remindBefore), inScope(scope)));
	return rows.map((row) => {
		const workDoneAt = row.workDoneAt!;
		// Not reminded yet: when it would close if reminded now.
		const closeAt = signoffCloseAt(workDoneAt, row.notifiedAt ?? now, settings)!;
		const dueAt = signoffSchedule(workDoneAt, settings).remindAt;
		return item('signoff', row, { ...row, id: row.repairId, dueAt, closeAt, ownerIds: [row.ownerId ?? row.technicianId] });
	});
}

export interface OverdueReadOptions {
	/** Only these kinds (all when absent). */
	kinds?: readonly DeadlineKind[];
	settings?: SignoffSettings;
	workingTime?: Calendars;
}

/**
 * Everything past its deadline and still waiting in the estates, of every kind (or those asked
 * for), most overdue first.
 */
export async function overdueItems(
	executor: Executor,
	scope: EstateScope,
	now: Date,
	{ kinds = deadlineKinds, settings, workingTime = calendars(executor) }: OverdueReadOptions = {}
): Promise<OverdueItem[]> {
	const repairLeads = repairLeadsOf(executor);
	const wanted = new Set(kinds);
	const read: Record<DeadlineKind, () => Promise<OverdueItem[]>> = {
		callback: () => overdueCallbacks(executor, scope, now),
		rectification: () => overdueRectifications(executor, scope, now, repairLeads),
		promise: () => missedPromises(executor, scope, now),
		quote: () => waitingQuotes(executor, scope, now, repairLeads, workingTime),
		signoff: async () => staleSignoffs(executor, scope, now, settings ?? (await loadSignoffSettings(executor)))
	};
	const lists = await Promise.all(deadlineKinds.filter((kind) => wanted.has(kind)).map((kind) => read[kind]()));
	return lists.flat().sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id));
}

/** The staff page of an item. */
export function overdueHref(item: Pick<OverdueItem, 'kind' | 'id' | 'repairId'>): string {
	switch (item.kind) {
		case 'callback':
			return `/staff/callbacks/${item.id}`;
		case 'rectification':
			return `/staff/callbacks/rectifications#notice-${item.id}`;
		default:
			return `/staff/repairs/${item.repairId}`;
	}
}

/** An empty count of every kind. */
export function noneOverdue(): Record<DeadlineKind, number> {
	return Object.fromEntries(deadlineKinds.map((kind) => [kind, 0])) as Record<DeadlineKind, number>;
}
