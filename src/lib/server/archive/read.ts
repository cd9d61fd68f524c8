/**
 * Reading the unit's file (一戶一檔): its entries newest first, grouped by occupancy — the current
 * occupancy first, headed by its occupant's (or company's) name, then later and earlier ones; an
 * occupancy that has ended is "bound": closed, with its dates and its printable index. The unit's
 * own papers (no occupant) come last. A move-in's papers, filed while the case was open and before
 * its occupancy existed, are in the part of the occupancy the move started (partOf). Staff read
 * it through openUnitFile, which logs the read (reads.ts); residents see only their own occupancy's part (resident.ts).
 */
import { and, desc, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { archiveEntries, moves, occupancies, users } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { mayOpenStaffRoute } from '../auth/staff-routes.ts';
import { isCurrentOn } from '../property/occupancy.ts';
import { partyNames } from '../property/party-names.ts';
import { describeSubjects, type SubjectRef } from '../staff-admin/audit-subjects.ts';
import type { BusinessDate } from '#lib/time/index.ts';
import type { ArchiveKind } from './kinds.ts';

export interface ArchiveEntryView {
	id: number;
	kind: ArchiveKind;
	at: Date;
	/** The part it is in (partOf): its occupancy, or the one its move started. */
	occupancyId: string | null;
	sourceType: string;
	sourceId: string;
	summary: Record<string, unknown>;
	fileId: string | null;
	/** The entry this one corrects, and the entries correcting this one (the original stays as it was). */
	correctsId: number | null;
	correctedBy: { id: number; by: string | null }[];
	actorName: string | null;
}

export interface FilePart {
	/** Null: the unit's own papers, filed with no occupant. */
	occupancyId: string | null;
	name: string;
	role: 'owner' | 'renter' | null;
	startsOn: string | null;
	endsOn: string | null;
	/** Current today. */
	current: boolean;
	/** Ended: the part is closed, with its dates and index. */
	bound: boolean;
	entries: ArchiveEntryView[];
}

export interface UnitFileParts {
	/** The current occupant's name (a renter before the owner of a let unit); null for an empty unit. */
	heading: string | null;
	parts: FilePart[];
}

/** An occupancy that has ended before `today` is bound: nothing more is filed in its part. */
function isBound(occupancy: { endsOn: string | null }, today: BusinessDate): boolean {
	return occupancy.endsOn !== null && occupancy.endsOn < today;
}

/**
 * Whose part an entry is in: the occupancy it was filed in, or else the occupancy its move started
 * (a move-in's ID copy, keys, opening readings and defects are filed before the occupancy exists;
 * the entries are never rewritten, so the reader places them). Needs the entry's move joined.
 */
const partOf = sql<string | null>`coalesce(${archiveEntries.occupancyId}, ${moves.occupancyId})`;

/**
 * The unit's file in parts. `occupancyIds` limits it to those occupancies' parts (a resident's own,
 * one part's index); `hideKinds` leaves kinds out (staff-only ones, for a resident).
 */
export async function readFileParts(
	executor: Executor,
	unitId: string,
	today: BusinessDate,
	filter: { occupancyIds?: readonly string[]; hideKinds?: readonly ArchiveKind[] } = {}
): Promise<UnitFileParts> {
	const only = filter.occupancyIds;
	if (only && only.length === 0) return { heading: null, parts: [] };
	const conditions: (SQL | undefined)[] = [eq(archiveEntries.unitId, unitId)];
	if (only) conditions.push(inArray(partOf, [...only]));
	if (filter.hideKinds?.length) conditions.push(notInArray(archiveEntries.kind, [...filter.hideKinds]));
	const [held, rows] = await Promise.all([
		executor
			.select({
				id: occupancies.id,
				userId: occupancies.userId,
				companyId: occupancies.companyId,
				role: occupancies.role,
				startsOn: occupancies.startsOn,
				endsOn: occupancies.endsOn
			})
			.from(occupancies)
			.where(and(eq(occupancies.unitId, unitId), only ? inArray(occupancies.id, [...only]) : undefined)),
		executor
			.select({
				id: archiveEntries.id,
				kind: archiveEntries.kind,
				at: archiveEntries.at,
				occupancyId: partOf,
				sourceType: archiveEntries.sourceType,
				sourceId: archiveEntries.sourceId,
				summary: archiveEntries.summary,
				fileId: archiveEntries.fileId,
				correctsId: archiveEntries.correctsId,
				actorName: users.name
			})
			.from(archiveEntries)
			.leftJoin(users, eq(users.id, archiveEntries.actorId))
			.leftJoin(moves, eq(moves.id, archiveEntries.moveId))
			.where(and(...conditions))
			.orderBy(desc(archiveEntries.at), desc(archiveEntries.id))
	]);
	const names = await partyNames(executor, held);
	const correctedBy = new Map<number, ArchiveEntryView['correctedBy']>();
	for (const row of rows)
		if (row.correctsId !== null)
			correctedBy.set(row.correctsId, [...(correctedBy.get(row.correctsId) ?? []), { id: row.id, by: row.actorName }]);
	const entries: ArchiveEntryView[] = rows.map((row) => ({
		...row,
		kind: row.kind as ArchiveKind,
		correctedBy: correctedBy.get(row.id) ?? []
	}));

	const rank = (o: (typeof held)[number]) => (isCurrentOn(o, today) ? 0 : isBound(o, today) ? 2 : 1);
	const ordered = [...held].sort(
		(a, b) => rank(a) - rank(b) || (a.role === b.role ? 0 : a.role === 'renter' ? -1 : 1) || b.startsOn.localeCompare(a.startsOn)
	);
	const parts: FilePart[] = ordered.map((o) => ({
		occupancyId: o.id,
		name: names.get(o.id) ?? '',
		role: o.role,
		startsOn: o.startsOn,
		endsOn: o.endsOn,
		current: isCurrentOn(o, today),
		bound: isBound(o, today),
		entries: entries.filter((e) => e.occupancyId === o.id)
	}));
	const unitOwn = entries.filter((e) => e.occupancyId === null);
	if (!only && unitOwn.length)
		parts.push({ occupancyId: null, name: '', role: null, startsOn: null, endsOn: null, current: false, bound: false, entries: unitOwn });
	const heading = parts.find((p) => p.current)?.name ?? null;
	return { heading, parts };
}

/** The part of one occupancy of the unit (its index), or null when the unit has no such occupancy. */
export async function readFilePart(executor: Executor, unitId: string, occupancyId: string, today: BusinessDate): Promise<FilePart | null> {
	const { parts } = await readFileParts(executor, unitId, today, { occupancyIds: [occupancyId] });
	return parts[0] ?? null;
}

/** A summary's text field, or '' (summaries are JSON: a field may be anything). */
export const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Record types filed that are not audit subjects: a household's people, shown on the unit's page. */
const unitRecords = new Set(['household_member', 'emergency_contact']);

/**
 * Each entry's source record as staff refer to it — its reference and its page when the reader may
 * open it — by the audit log's one table of subjects (staff-admin/audit-subjects.ts).
 */
export async function entrySources(
	executor: Executor,
	actor: Actor,
	locale: string,
	unitId: string,
	entries: readonly ArchiveEntryView[]
): Promise<Map<number, SubjectRef>> {
	const described = await describeSubjects(
		executor,
		entries.filter((e) => !unitRecords.has(e.sourceType)).map((e) => ({ subjectType: e.sourceType, subjectId: e.sourceId })),
		{ actor, locale }
	);
	const unitPage = mayOpenStaffRoute(actor, '/staff/registry/units/[id]') ? `/staff/registry/units/${unitId}` : null;
	return new Map(
		entries.map((e) => [
			e.id,
			unitRecords.has(e.sourceType)
				? // The person's name is the entry's own detail: the link goes to the unit's page.
					{ reference: '', href: unitPage }
				: (described({ subjectType: e.sourceType, subjectId: e.sourceId }) ?? { reference: textOf(e.summary.reference), href: null })
		])
	);
}
