/**
 * What is past its deadline and still waiting, of every kind (rules.ts), read one way for the
 * sweep that tells about it (sweep.ts), the staff home and the overdue page (queries.ts): a
 * callback still open after its due time, a rectification notice still open after its 24 hours, a
 * promised reply time passed with no reply since the promise, a quote waiting for a supervisor
 * longer than QUOTE_APPROVAL_WORKING_MINUTES, a finished repair waiting for the resident's sign-off
 * longer than the configured days. Each item says who owns it (who is told first) and what the
 * sweep has already told. One statement reads every kind (the staff home sends it on every view).
 */
import { inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.ts';
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
import { signoffSettingsFrom, signoffSettingsJson } from '../dictionaries/signoff-settings.ts';
import { openRepairStates } from '../repairs/machine.ts';
import { repairEventKinds } from '../repairs/event-kinds.ts';
import {
	QUOTE_APPROVAL_WORKING_MINUTES,
	deadlineKinds,
	signoffCloseAt,
	signoffRemindCutoff,
	signoffSchedule,
	type DeadlineKind,
	type SignoffSettings
} from './rules.ts';

/** The role whose staff in the estate hold an item nobody holds by name. */
export type OwnerRole = 'engineering_supervisor';

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
	/** Who holds it by name (told first); empty when a role holds it (ownerRole) or nobody does. */
	ownerIds: string[];
	/** Held by the estate's staff in this role: the repair leads hold a quote, and a notice without a technician. */
	ownerRole: OwnerRole | null;
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

/** A subquery's rows as JSON text (both drivers hand text back as it is). */
const jsonRows = (query: SQL) => sql<string>`(select coalesce(json_agg(r), '[]')::text from (${query}) r)`;

const instant = (value: Date) => sql`${value.toISOString()}::timestamptz`;

/**
 * The order's columns every item carries; the estate's zone, the kind's names and the place as
 * scalar subqueries, so that no branch joins more than the deadline's table and the order.
 */
const orderColumns = sql`${repairOrders.id} as "repairId", ${repairOrders.seq} as seq, ${repairOrders.estateId} as "estateId",
	(select ${estates.timeZone} from ${estates} where ${estates.id} = ${repairOrders.estateId}) as "timeZone",
	(select json_build_object('nameEn', ${repairKinds.nameEn}, 'nameZhHans', ${repairKinds.nameZhHans}, 'nameZhHant', ${repairKinds.nameZhHant})
		from ${repairKinds} where ${repairKinds.id} = ${repairOrders.kindId}) as "repairKind",
	(select ${buildings.name} || ' · ' || ${units.number} from ${units} inner join ${buildings} on ${buildings.id} = ${units.buildingId}
		where ${units.id} = ${repairOrders.unitId}) as place,
	${repairOrders.unitId} as "unitId", ${repairOrders.occupancyId} as "occupancyId", ${repairOrders.requesterId} as "requesterId"`;

/** One item as the statement hands it back (times as JSON text). */
interface RawItem {
	repairId: string;
	seq: number | string;
	estateId: string;
	timeZone: string;
	repairKind: OverdueItem['repairKind'];
	place: string;
	unitId: string;
	occupancyId: string | null;
	requesterId: string | null;
	id: string;
	/** When the deadline passes; for a quote when it was made, for a sign-off when the work was done (their limits apply after). */
	at: string;
	notifiedAt: string | null;
	escalatedAt: string | null;
	ownerId: string | null;
	ownerRole: OwnerRole | null;
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

/** The shortest sign-off reminder the settings allow (a day): orders finished more recently cannot be due. */
const SHORTEST_REMINDER: SignoffSettings = { remindAfterDays: 1, closeAfterDays: 2 };

/** Each kind's rows past their deadline and still waiting (a quote's and a sign-off's limits are applied after the read). */
function kindQuery(kind: DeadlineKind, inScope: SQL, now: Date): SQL {
	switch (kind) {
		// Callbacks (回訪) still open after their due time; the assignee holds each.
		case 'callback':
			return sql`select ${orderColumns}, ${repairCallbacks.id} as id, ${repairCallbacks.dueAt} as at,
				${repairCallbacks.overdueNotifiedAt} as "notifiedAt", ${repairCallbacks.overdueEscalatedAt} as "escalatedAt",
				${repairCallbacks.assigneeId} as "ownerId", null as "ownerRole"
				from ${repairCallbacks} inner join ${repairOrders} on ${repairOrders.id} = ${repairCallbacks.repairId}
				where ${repairCallbacks.state} = 'open' and ${repairCallbacks.dueAt} <= ${instant(now)} and ${inScope}`;
		// Rectification notices (整改通知) still open after their 24 hours; the technician holds each, else the repair leads.
		case 'rectification':
			return sql`select ${orderColumns}, ${rectificationNotices.id} as id, ${rectificationNotices.dueAt} as at,
				${rectificationNotices.overdueNotifiedAt} as "notifiedAt", ${rectificationNotices.overdueEscalatedAt} as "escalatedAt",
				${rectificationNotices.technicianId} as "ownerId", 'engineering_supervisor' as "ownerRole"
				from ${rectificationNotices} inner join ${repairOrders} on ${repairOrders.id} = ${rectificationNotices.repairId}
				where ${rectificationNotices.state} = 'open' and ${rectificationNotices.dueAt} <= ${instant(now)} and ${inScope}`;
		// Open orders whose promised reply time (首問) passed with no reply since the promise; the order's owner holds each.
		case 'promise':
			return sql`select ${orderColumns}, ${repairOrders.id} as id, ${repairOrders.promisedReplyBy} as at,
				${repairOrders.promiseMissedAt} as "notifiedAt", ${repairOrders.promiseEscalatedAt} as "escalatedAt",
				${repairOrders.ownerId} as "ownerId", null as "ownerRole"
				from ${repairOrders}
				where ${inArray(repairOrders.state, [...openRepairStates])} and ${repairOrders.promisedReplyBy} <= ${instant(now)}
				and ${inScope} and not ${promiseKept()}`;
		// Quotes waiting for a supervisor's approval; the estate's repair leads hold each. Working time is
		// never shorter than wall time: only those older than the limit in plain minutes can be late.
		case 'quote':
			return sql`select ${orderColumns}, ${repairQuotes.id} as id, ${repairQuotes.createdAt} as at,
				${repairQuotes.overdueNotifiedAt} as "notifiedAt", ${repairQuotes.overdueEscalatedAt} as "escalatedAt",
				null as "ownerId", 'engineering_supervisor' as "ownerRole"
				from ${repairQuotes} inner join ${repairOrders} on ${repairOrders.id} = ${repairQuotes.repairId}
				where ${repairQuotes.state} = 'pending_approval'
				and ${repairQuotes.createdAt} <= ${instant(new Date(now.getTime() - QUOTE_APPROVAL_WORKING_MINUTES * 60_000))} and ${inScope}`;
		// Finished orders waiting for the resident's sign-off; the order's owner holds each, else its technician.
		case 'signoff':
			return sql`select ${orderColumns}, ${repairOrders.id} as id, ${repairOrders.workDoneAt} as at,
				${repairOrders.signoffRemindedAt} as "notifiedAt", ${repairOrders.signoffEscalatedAt} as "escalatedAt",
				coalesce(${repairOrders.ownerId}, ${repairOrders.technicianId}) as "ownerId", null as "ownerRole"
				from ${repairOrders}
				where ${repairOrders.state} = 'awaiting_signoff'
				and ${repairOrders.workDoneAt} <= ${instant(signoffRemindCutoff(now, SHORTEST_REMINDER))} and ${inScope}`;
	}
}

export interface OverdueReadOptions {
	/** Only these kinds (all when absent). */
	kinds?: readonly DeadlineKind[];
	workingTime?: Calendars;
}

export interface OverdueRead {
	/** Most overdue first. */
	items: OverdueItem[];
	/** The sign-off settings the read applied. */
	settings: SignoffSettings;
}

/**
 * Everything past its deadline and still waiting in the estates, of every kind (or those asked
 * for): one statement, each kind a scalar subquery, with the sign-off settings; a quote's limit is
 * then counted in its estate's working time (the office calendar is read only when a quote is
 * old enough to be late).
 */
export async function overdueItems(
	executor: Executor,
	scope: EstateScope,
	now: Date,
	{ kinds = deadlineKinds, workingTime = calendars(executor) }: OverdueReadOptions = {}
): Promise<OverdueRead> {
	const wanted = new Set(kinds);
	const inScope = scope === null ? sql`true` : scope.length === 0 ? sql`false` : inArray(repairOrders.estateId, [...scope]);
	const columns = deadlineKinds.map(
		(kind) => sql`${wanted.has(kind) ? jsonRows(kindQuery(kind, inScope, now)) : sql`'[]'`} as ${sql.identifier(kind)}`
	);
	const [row] = await queryRows<Record<DeadlineKind | 'settings', string>>(
		executor,
		sql`select ${sql.join(columns, sql`, `)}, ${signoffSettingsJson} as settings`
	);
	const settings = signoffSettingsFrom(JSON.parse(row!.settings) as SignoffSettings[]);
	const items: OverdueItem[] = [];
	for (const kind of deadlineKinds) {
		for (const raw of JSON.parse(row![kind]) as RawItem[]) {
			const started = new Date(raw.at);
			const notifiedAt = raw.notifiedAt ? new Date(raw.notifiedAt) : null;
			let dueAt = started;
			let closeAt: Date | null = null;
			if (kind === 'quote') dueAt = await workingTime.after(started, QUOTE_APPROVAL_WORKING_MINUTES, raw.timeZone);
			if (kind === 'signoff') {
				dueAt = signoffSchedule(started, settings).remindAt;
				closeAt = signoffCloseAt(started, notifiedAt ?? now, settings);
			}
			if (dueAt.getTime() > now.getTime()) continue;
			const seq = Number(raw.seq);
			items.push({
				kind,
				id: raw.id,
				repairId: raw.repairId,
				seq,
				estateId: raw.estateId,
				timeZone: raw.timeZone,
				dueAt,
				notifiedAt,
				escalatedAt: raw.escalatedAt ? new Date(raw.escalatedAt) : null,
				ownerIds: raw.ownerId ? [raw.ownerId] : [],
				ownerRole: raw.ownerId ? null : raw.ownerRole,
				repairKind: raw.repairKind,
				place: raw.place,
				order: { id: raw.repairId, seq, unitId: raw.unitId, occupancyId: raw.occupancyId, requesterId: raw.requesterId },
				closeAt
			});
		}
	}
	return { items: items.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id)), settings };
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
