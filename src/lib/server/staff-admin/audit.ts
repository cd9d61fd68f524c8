/**
 * The audit log: one list of who did what. It reads the two records the app already keeps, so
 * no change is written twice: the events staff made (every case transition appends one with its
 * actor, events/service.ts) and the audit rows (changes that are not a case's step: the registry,
 * dictionaries, accounts, fee items…). A transaction that wrote both about the same record — a
 * refund's step, an occupancy — shows once, as its event.
 *
 * Newest first, keyset-paged on (time, source, id) over two indexes read newest first
 * (events_done_at / events_actor, audit_log_at / audit_log_actor); each row's estates are worked
 * out from its record (audit-subjects.ts) in the same query, so the list is scoped to the
 * reader's estates and filtered by estate, person, kind of change and dates before it is paged.
 * A row about no estate (a dictionary, a staff account) is read by admins only.
 */
import { and, asc, eq, or, sql, type SQL } from 'drizzle-orm';
import { db, queryRows, type Executor } from '../db/client.ts';
import { staffEstates, staffRoles, users } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { inActorEstates, requireStaff } from '../auth/guards.ts';
import { logEstates, logFilters, type LogEstate } from '../auth/log-filters.ts';
import type { EventKinds, SubjectType } from '../events/kinds.ts';
import { DEFAULT_TIME_ZONE, dayBounds } from '#lib/time/index.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import {
	auditActionGroup,
	auditActionGroups,
	auditGroups,
	describeSubjects,
	eventGroup,
	eventGroups,
	subjectEstates,
	type AuditGroup,
	type SubjectRef
} from './audit-subjects.ts';

export const AUDIT_PAGE_SIZE = 50;
/** The most rows one export holds; a longer list is cut there and says so. */
const AUDIT_EXPORT_LIMIT = 10_000;

export type { AuditGroup } from './audit-subjects.ts';

export type AuditEstate = LogEstate;

export interface AuditPerson {
	id: string;
	name: string;
	disabled: boolean;
}

export interface AuditFilters {
	/** A staff member's id, or ''. */
	person: string;
	group: AuditGroup | '';
	/** One of the reader's estates, or '' for all of them. */
	estate: string;
	/** Days (YYYY-MM-DD) in the chosen estate's zone (the default zone for all estates), both included; '' for open. */
	from: string;
	to: string;
}

export interface AuditScope {
	estates: AuditEstate[];
	people: AuditPerson[];
	groups: readonly AuditGroup[];
	filters: AuditFilters;
	/** The zone the dates are read in. */
	timeZone: string;
}

export interface AuditEntry {
	/** Unique in the list: 'e123' (an event) or 'a45' (an audit row). */
	key: string;
	source: 'event' | 'audit';
	at: Date;
	/** The zone of the row's estate (the default zone for a row about no estate). */
	timeZone: string;
	/** Who did it; null: the system (a job, a provider's webhook). */
	actorName: string | null;
	group: AuditGroup;
	subjectType: string;
	/** The event's kind, or the audit row's action code: the labels name it (components/audit-labels.ts). */
	code: string;
	fromState: string | null;
	toState: string | null;
	note: string;
	/** The event's data, or the audit row's detail. */
	data: Record<string, unknown>;
	estates: { code: string; name: string }[];
	/** The record, as people quote it, with its page when the reader may open it; null when gone or nameless. */
	subject: SubjectRef | null;
}

export interface AuditQuery {
	person?: string | null;
	group?: string | null;
	estate?: string | null;
	from?: string | null;
	to?: string | null;
}

interface Cursor {
	at: string;
	source: 'e' | 'a';
	id: string;
}

const AT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** `before` names the last row shown: its time (microseconds), source and id. Anything else is the first page. */
function parseCursor(before: string | null | undefined): Cursor | null {
	const [at, source, id] = (before ?? '').split('~');
	if (!at || !AT_KEY.test(at) || (source !== 'e' && source !== 'a') || !id || !/^[1-9][0-9]{0,18}$/.test(id)) return null;
	return { at, source, id };
}

/** Who may read the log and over what: the reader's estates, the staff who work there, and the filters as understood. */
async function auditScope(actor: Actor | null | undefined, query: AuditQuery, executor: Executor = db()): Promise<AuditScope> {
	requireStaff(actor, 'audit.read');
	const [estateRows, people] = await Promise.all([logEstates(actor, executor), staffOf(actor, executor)]);
	const { filters, timeZone } = logFilters(estateRows, query);
	const group = (auditGroups as readonly string[]).includes(query.group ?? '') ? (query.group as AuditGroup) : '';
	return { estates: estateRows, people, groups: auditGroups, filters: { ...filters, group }, timeZone };
}

/** Staff who work in the reader's estates, and admins (who work in all); every staff member for an admin. */
function staffOf(actor: Actor, executor: Executor): Promise<AuditPerson[]> {
	const visible =
		actor.estateIds === null
			? undefined
			: or(
					sql`exists (select 1 from ${staffEstates} where ${staffEstates.userId} = ${users.id} and ${inActorEstates(actor, staffEstates.estateId)})`,
					sql`exists (select 1 from ${staffRoles} where ${staffRoles.userId} = ${users.id} and ${staffRoles.role} = 'admin')`
				);
	return executor
		.select({ id: users.id, name: users.name, disabled: users.disabled })
		.from(users)
		.where(and(eq(users.kind, 'staff'), visible))
		.orderBy(asc(users.name), asc(users.id));
}

const uuidArray = (ids: readonly string[]) =>
	ids.length
		? sql`array[${sql.join(
				ids.map((id) => sql`${id}::uuid`),
				sql`, `
			)}]`
		: sql`'{}'::uuid[]`;
const textList = (values: readonly string[]) =>
	sql.join(
		values.map((v) => sql`${v}`),
		sql`, `
	);

/** Which events belong to the group (null: every group), and never the kinds the list leaves out. */
function eventGroupCondition(group: AuditGroup | ''): SQL {
	const parts: SQL[] = [];
	for (const [subject, grouping] of Object.entries(eventGroups) as [SubjectType, (typeof eventGroups)[SubjectType]][]) {
		const omitted = [...((grouping.omit as readonly string[] | undefined) ?? [])];
		const moved = Object.entries((grouping.kinds ?? {}) as Partial<Record<EventKinds[SubjectType], AuditGroup>>);
		if (!group || grouping.group === group) {
			const away = group ? moved.filter(([, g]) => g !== group).map(([kind]) => kind) : [];
			const left = [...omitted, ...away];
			parts.push(left.length ? sql`(e.subject_type = ${subject} and e.kind not in (${textList(left)}))` : sql`e.subject_type = ${subject}`);
		}
		if (group && grouping.group !== group) {
			const here = moved.filter(([, g]) => g === group).map(([kind]) => kind);
			if (here.length) parts.push(sql`(e.subject_type = ${subject} and e.kind in (${textList(here)}))`);
		}
	}
	// A subject nobody described yet is listed as an admin's (it still shows, with its code).
	const known = Object.keys(eventGroups);
	if (!group || group === 'admin') parts.push(sql`e.subject_type not in (${textList(known)})`);
	return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

function auditGroupCondition(group: AuditGroup | ''): SQL | undefined {
	if (!group) return undefined;
	const lines = Object.entries(auditActionGroups)
		.filter(([, g]) => g === group)
		.map(([line]) => line);
	const known = Object.keys(auditActionGroups);
	const own = lines.length ? sql`split_part(a.action, '.', 1) in (${textList(lines)})` : sql`false`;
	return group === 'admin' ? sql`(${own} or split_part(a.action, '.', 1) not in (${textList(known)}))` : own;
}

interface Row {
	src: 'e' | 'a';
	id: string;
	at_key: string;
	actor_name: string | null;
	subject_type: string;
	subject_id: string;
	code: string;
	from_state: string | null;
	to_state: string | null;
	note: string | null;
	data: string;
	estate_ids: string;
}

/** One page of rows after the cursor, newest first: both sources read newest first and merged. */
async function pageRows(executor: Executor, actor: Actor, scope: AuditScope, cursor: Cursor | null, limit: number): Promise<Row[]> {
	const { filters } = scope;
	const from = filters.from ? dayBounds(filters.from, scope.timeZone).from : null;
	const to = filters.to ? dayBounds(filters.to, scope.timeZone).to : null;
	const where = (alias: 'e' | 'a'): SQL[] => {
		const t = sql.raw(alias);
		const conditions: SQL[] = [];
		if (actor.estateIds !== null) conditions.push(sql`cardinality(x.estate_ids) > 0 and x.estate_ids <@ ${uuidArray(actor.estateIds)}`);
		if (filters.estate) conditions.push(sql`${filters.estate}::uuid = any(x.estate_ids)`);
		if (filters.person) conditions.push(sql`${t}.actor_id = ${filters.person}::uuid`);
		if (from) conditions.push(sql`${t}.at >= ${from.toISOString()}::timestamptz`);
		if (to) conditions.push(sql`${t}.at < ${to.toISOString()}::timestamptz`);
		if (cursor) {
			const at = sql`${cursor.at}::timestamptz`;
			// Sorted by (at, source, id) descending, 'e' before 'a' at the same instant.
			if (cursor.source === alias) conditions.push(sql`(${t}.at, ${t}.id) < (${at}, ${cursor.id}::bigint)`);
			else conditions.push(alias === 'e' ? sql`${t}.at < ${at}` : sql`${t}.at <= ${at}`);
		}
		return conditions;
	};
	// Each row's estates are worked out once ("offset 0" keeps the lateral from being inlined into
	// every condition that reads it).
	const and_ = (conditions: SQL[]) => (conditions.length ? sql` and ${sql.join(conditions, sql` and `)}` : sql``);
	const atKey = (t: string) => sql.raw(`to_char(${t}.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);
	const auditGroup = auditGroupCondition(filters.group);

	const staffEvents = sql`select 'e' as src, e.id, e.at, ${atKey('e')} as at_key, u.name as actor_name, e.subject_type, e.subject_id,
			e.kind as code, e.from_state, e.to_state, e.note, e.data::text as data, array_to_string(x.estate_ids, ',') as estate_ids
		from events e
		join users u on u.id = e.actor_id and u.kind = 'staff'
		cross join lateral (select ${subjectEstates(sql`e.subject_type`, sql`e.subject_id`, sql`e.data`, Object.keys(eventGroups))} as estate_ids offset 0) x
		where e.actor_id is not null and ${eventGroupCondition(filters.group)}${and_(where('e'))}
		order by e.at desc, e.id desc
		limit ${limit}`;
	// The row's own event, looked up per row on events_subject while audit_log is read newest first
	// ("offset 0" keeps the planner from turning it into an anti-join that reads all of events).
	const auditRows = sql`select 'a' as src, a.id, a.at, ${atKey('a')} as at_key, u.name as actor_name, a.subject_type, a.subject_id,
			a.action as code, null as from_state, null as to_state, '' as note, a.detail::text as data, array_to_string(x.estate_ids, ',') as estate_ids
		from audit_log a
		left join users u on u.id = a.actor_id
		cross join lateral (select ${subjectEstates(sql`a.subject_type`, sql`a.subject_id`, sql`a.detail`)} as estate_ids offset 0) x
		where not exists (
			select 1 from events e
			where e.subject_type = a.subject_type and e.subject_id = a.subject_id and e.at = a.at and e.actor_id = a.actor_id and u.kind = 'staff'
			offset 0
		)${auditGroup ? sql` and ${auditGroup}` : sql``}${and_(where('a'))}
		order by a.at desc, a.id desc
		limit ${limit}`;
	const query = sql`select src, id::text as id, at_key, actor_name, subject_type, subject_id, code, from_state, to_state, note, data, estate_ids
			from ((${staffEvents}) union all (${auditRows})) t
			order by at desc, src desc, t.id desc
			limit ${limit}`;
	return queryRows<Row>(executor, query);
}

/** The rows as entries: labelled later; here their estates, zone and record are looked up. */
async function toEntries(executor: Executor, actor: Actor, scope: AuditScope, rows: Row[], locale: string): Promise<AuditEntry[]> {
	const byId = new Map(scope.estates.map((e) => [e.id, e]));
	const describe = await describeSubjects(
		executor,
		rows.map((r) => ({ subjectType: r.subject_type, subjectId: r.subject_id })),
		{ actor, locale }
	);
	return rows.map((r) => {
		const rowEstates = r.estate_ids
			? r.estate_ids
					.split(',')
					.map((id) => byId.get(id))
					.filter((e) => e !== undefined)
			: [];
		const data = JSON.parse(r.data) as Record<string, unknown>;
		return {
			key: `${r.src}${r.id}`,
			source: r.src === 'e' ? 'event' : 'audit',
			at: new Date(`${r.at_key.slice(0, 23)}Z`),
			timeZone: rowEstates[0]?.timeZone ?? DEFAULT_TIME_ZONE,
			actorName: r.actor_name,
			group: (r.src === 'e' ? eventGroup(r.subject_type, r.code) : auditActionGroup(r.code)) ?? 'admin',
			subjectType: r.subject_type,
			code: r.code,
			fromState: r.from_state,
			toState: r.to_state,
			note: r.note ?? '',
			data: data && typeof data === 'object' ? data : {},
			estates: rowEstates.map((e) => ({ code: e.code, name: e.name })),
			subject: describe({ subjectType: r.subject_type, subjectId: r.subject_id })
		};
	});
}

const cursorOf = (row: Row) => `${row.at_key}~${row.src}~${row.id}`;

/**
 * One page of the log for the reader: newest first; `before` is the `next` of the page before.
 * The rows are in the reader's estates (404 for a chosen estate not theirs; 403 without audit.read).
 */
export async function listAudit(
	actor: Actor | null | undefined,
	query: AuditQuery & { before?: string | null } = {},
	{ executor = db(), locale = getLocale() }: { executor?: Executor; locale?: string } = {}
): Promise<{ entries: AuditEntry[]; next: string | null; scope: AuditScope }> {
	const scope = await auditScope(actor, query, executor);
	requireStaff(actor, 'audit.read');
	const rows = await pageRows(executor, actor, scope, parseCursor(query.before), AUDIT_PAGE_SIZE + 1);
	const shown = rows.slice(0, AUDIT_PAGE_SIZE);
	return {
		entries: await toEntries(executor, actor, scope, shown, locale),
		next: rows.length > AUDIT_PAGE_SIZE ? cursorOf(shown.at(-1)!) : null,
		scope
	};
}

/** The whole filtered list for an export (the same rows as the pages, in the same order), up to AUDIT_EXPORT_LIMIT. */
export async function exportAudit(
	actor: Actor | null | undefined,
	query: AuditQuery,
	{ executor = db(), locale = getLocale(), limit = AUDIT_EXPORT_LIMIT }: { executor?: Executor; locale?: string; limit?: number } = {}
): Promise<{ entries: AuditEntry[]; truncated: boolean; scope: AuditScope }> {
	const scope = await auditScope(actor, query, executor);
	requireStaff(actor, 'audit.read');
	const chunk = 500;
	const entries: AuditEntry[] = [];
	let cursor: Cursor | null = null;
	for (;;) {
		const want = Math.min(chunk, limit - entries.length);
		const rows = await pageRows(executor, actor, scope, cursor, want + 1);
		const taken = rows.slice(0, want);
		entries.push(...(await toEntries(executor, actor, scope, taken, locale)));
		if (rows.length <= want) return { entries, truncated: false, scope };
		if (entries.length >= limit) return { entries, truncated: true, scope };
		cursor = parseCursor(cursorOf(taken.at(-1)!));
	}
}
