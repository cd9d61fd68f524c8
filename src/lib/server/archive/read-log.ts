/**
 * The log of who read which unit's file (rule 10: the file is confidential): managers and admins
 * read it over their estates, filtered by estate, reader, what was opened and dates (in the
 * chosen estate's zone), newest first, and export it (the same rows) as CSV or XLSX.
 */
import { and, asc, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { db, type Executor } from '../db/client.ts';
import { archiveReads, buildings, estates, units, users } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { inActorEstates, requireStaff } from '../auth/guards.ts';
import { logEstates, logFilters } from '../auth/log-filters.ts';
import { dayBounds } from '#lib/time/index.ts';

const READ_LOG_PAGE_SIZE = 50;
const READ_LOG_EXPORT_LIMIT = 10_000;

export const readWhats = ['file', 'entry', 'pdf'] as const;
export type ReadWhat = (typeof readWhats)[number];

export interface ReadLogQuery {
	estate?: string | null;
	person?: string | null;
	what?: string | null;
	from?: string | null;
	to?: string | null;
	/** The id of the last row shown (the next page starts below it). */
	before?: string | null;
}

export interface ReadLogScope {
	estates: { id: string; code: string; name: string; timeZone: string }[];
	/** Who has read a file in the reader's estates. */
	people: { id: string; name: string }[];
	filters: { estate: string; person: string; what: ReadWhat | ''; from: string; to: string };
	timeZone: string;
}

export interface ReadLogRow {
	id: number;
	at: Date;
	timeZone: string;
	readerName: string;
	what: ReadWhat;
	unitId: string;
	unitLabel: string;
	estateName: string;
	reason: string;
	/** Read by an approved request (a grant), not by role. */
	byGrant: boolean;
}

async function readLogScope(actor: Actor, query: ReadLogQuery, executor: Executor): Promise<ReadLogScope> {
	requireStaff(actor, 'archive.reads');
	const [estateRows, people] = await Promise.all([
		logEstates(actor, executor),
		executor
			.selectDistinct({ id: users.id, name: users.name })
			.from(archiveReads)
			.innerJoin(users, eq(users.id, archiveReads.readerId))
			.where(inActorEstates(actor, archiveReads.estateId))
			.orderBy(asc(users.name), asc(users.id))
	]);
	const { filters, timeZone } = logFilters(estateRows, query);
	const what = (readWhats as readonly string[]).includes(query.what ?? '') ? (query.what as ReadWhat) : '';
	return { estates: estateRows, people, filters: { ...filters, what }, timeZone };
}

function rowsOf(executor: Executor, actor: Actor, scope: ReadLogScope, before: number | null, limit: number) {
	const { filters, timeZone } = scope;
	const conditions: (SQL | undefined)[] = [
		inActorEstates(actor, archiveReads.estateId),
		filters.estate ? eq(archiveReads.estateId, filters.estate) : undefined,
		filters.person ? eq(archiveReads.readerId, filters.person) : undefined,
		filters.what ? eq(archiveReads.what, filters.what) : undefined,
		filters.from ? gte(archiveReads.at, dayBounds(filters.from, timeZone).from) : undefined,
		filters.to ? lt(archiveReads.at, dayBounds(filters.to, timeZone).to) : undefined,
		before !== null ? lt(archiveReads.id, before) : undefined
	];
	return executor
		.select({
			id: archiveReads.id,
			at: archiveReads.at,
			timeZone: estates.timeZone,
			readerName: users.name,
			what: archiveReads.what,
			unitId: archiveReads.unitId,
			building: buildings.name,
			number: units.number,
			estateName: estates.name,
			reason: archiveReads.reason,
			byGrant: sql<boolean>`${archiveReads.grantId} is not null`
		})
		.from(archiveReads)
		.innerJoin(users, eq(users.id, archiveReads.readerId))
		.innerJoin(units, eq(units.id, archiveReads.unitId))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(estates, eq(estates.id, archiveReads.estateId))
		.where(and(...conditions))
		.orderBy(desc(archiveReads.id))
		.limit(limit)
		.then((rows) => rows.map(({ building, number, ...row }): ReadLogRow => ({ ...row, unitLabel: `${building} ${number}` })));
}

const beforeOf = (value: string | null | undefined) => (value && /^[1-9][0-9]{0,15}$/.test(value) ? Number(value) : null);

/** One page of the log, newest first; `next` names the page after it. */
export async function listArchiveReads(
	actor: Actor,
	query: ReadLogQuery = {},
	executor: Executor = db()
): Promise<{ rows: ReadLogRow[]; next: string | null; scope: ReadLogScope }> {
	const scope = await readLogScope(actor, query, executor);
	const rows = await rowsOf(executor, actor, scope, beforeOf(query.before), READ_LOG_PAGE_SIZE + 1);
	const shown = rows.slice(0, READ_LOG_PAGE_SIZE);
	return { rows: shown, next: rows.length > READ_LOG_PAGE_SIZE ? String(shown.at(-1)!.id) : null, scope };
}

/** The whole filtered log for an export, up to READ_LOG_EXPORT_LIMIT rows. */
export async function exportArchiveReads(
	actor: Actor,
	query: ReadLogQuery = {},
	executor: Executor = db()
): Promise<{ rows: ReadLogRow[]; truncated: boolean; scope: ReadLogScope }> {
	const scope = await readLogScope(actor, query, executor);
	const rows = await rowsOf(executor, actor, scope, null, READ_LOG_EXPORT_LIMIT + 1);
	return { rows: rows.slice(0, READ_LOG_EXPORT_LIMIT), truncated: rows.length > READ_LOG_EXPORT_LIMIT, scope };
}
