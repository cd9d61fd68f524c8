import { error } from '@sveltejs/kit';
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { can, requireStaff } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { buildings, complaintKinds, complaints, estates, files, units, users } from '../db/schema/index.ts';
import { listEventsWithActors } from '../events/service.ts';
import { isUuid } from '../kernel/ids.ts';
import { caseAgeBandSql, caseAgeSql } from '../kernel/case-age.ts';
import type { CaseAge } from '#lib/case-age.ts';
import { staffInEstate } from '../repairs/people.ts';
import { inMonth, type ReportScope } from '../reports/repair-kpis.ts';
import type { Audience } from '../events/kinds.ts';
import { departmentRoles, loadComplaint, visibleComplaints } from './access.ts';
import { complaintCallbackShares } from './callback-shares.ts';
import { shownTo, type ComplaintEventKind } from './event-kinds.ts';
import { complaintActions, openComplaintStates, type ComplaintState } from './machine.ts';
import { complaintReference } from './notices.ts';

const complaintFileTypes = ['complaint', 'complaint-signature'] as const;

function listColumns() {
	return {
		id: complaints.id,
		seq: complaints.seq,
		state: complaints.state,
		severity: complaints.severity,
		channel: complaints.channel,
		verified: complaints.verified,
		malicious: complaints.malicious,
		content: complaints.content,
		complainantName: complaints.complainantName,
		createdAt: complaints.createdAt,
		promisedReplyBy: complaints.promisedReplyBy,
		promiseMissedAt: complaints.promiseMissedAt,
		department: complaints.department,
		departmentDueAt: complaints.departmentDueAt,
		deadlineMissedAt: complaints.deadlineMissedAt,
		resolvedAt: complaints.resolvedAt,
		satisfied: complaints.satisfied,
		callbackMode: complaints.callbackMode,
		estateId: complaints.estateId,
		estateName: estates.name,
		timeZone: estates.timeZone,
		unitId: complaints.unitId,
		buildingId: complaints.buildingId,
		locationDetail: complaints.locationDetail,
		ownerId: complaints.ownerId,
		kind: { nameEn: complaintKinds.nameEn, nameZhHans: complaintKinds.nameZhHans, nameZhHant: complaintKinds.nameZhHant }
	};
}

/** Complaints as lists show them: the rows matching `where`, then the units and owners of just those rows. */
async function summaries(
	executor: Executor,
	where: SQL | undefined,
	limit: number,
	order: SQL[] = [desc(complaints.createdAt), desc(complaints.id)]
) {
	const rows = await executor
		.select(listColumns())
		.from(complaints)
		.innerJoin(complaintKinds, eq(complaintKinds.id, complaints.kindId))
		.innerJoin(estates, eq(estates.id, complaints.estateId))
		.where(where)
		.orderBy(...order)
		.limit(limit);
	if (rows.length === 0) return [];
	const unitIds = [...new Set(rows.map((r) => r.unitId).filter((id): id is string => id !== null))];
	// A complaint from the public widget not yet matched to a unit names only the building.
	const buildingIds = [...new Set(rows.filter((r) => r.unitId === null).map((r) => r.buildingId))].filter(
		(id): id is string => id !== null
	);
	const ownerIds = [...new Set(rows.map((r) => r.ownerId).filter((id): id is string => id !== null))];
	const [places, buildingRows, people] = await Promise.all([
		unitIds.length
			? executor
					.select({ id: units.id, number: units.number, buildingName: buildings.name })
					.from(units)
					.innerJoin(buildings, eq(buildings.id, units.buildingId))
					.where(inArray(units.id, unitIds))
			: [],
		buildingIds.length
			? executor.select({ id: buildings.id, name: buildings.name }).from(buildings).where(inArray(buildings.id, buildingIds))
			: [],
		ownerIds.length ? executor.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ownerIds)) : []
	]);
	const place = new Map(places.map((p) => [p.id, p]));
	const building = new Map(buildingRows.map((b) => [b.id, b.name]));
	const name = new Map(people.map((p) => [p.id, p.name]));
	const now = new Date();
	return rows.map(({ unitId, buildingId, ownerId, ...row }) => ({
		...row,
		reference: complaintReference(row),
		buildingName: unitId ? (place.get(unitId)?.buildingName ?? null) : buildingId ? (building.get(buildingId) ?? null) : null,
		unitNumber: unitId ? (place.get(unitId)?.number ?? null) : null,
		ownerName: ownerId ? (name.get(ownerId) ?? null) : null,
		overdue: isLate(row, now)
	}));
}

/** Late: open past the promised reply time, or assigned past the department's deadline. */
function isLate(
	row: {
		state: ComplaintState;
		promisedReplyBy: Date | null;
		departmentDueAt: Date | null;
		promiseMissedAt: Date | null;
		deadlineMissedAt: Date | null;
	},
	now: Date
) {
	if (!openComplaintStates.includes(row.state)) return false;
	return Boolean(
		row.promiseMissedAt || row.deadlineMissedAt || (row.state === 'assigned' && row.departmentDueAt && row.departmentDueAt < now)
	);
}

/** A resident's complaints — those of the occupancies it holds today — newest first. */
export async function listMyComplaints(actor: Actor, executor: Executor = db()) {
	return summaries(executor, await visibleComplaints(executor, actor), 100);
}

export interface ComplaintFilter {
	estateId?: string;
	state?: ComplaintState | 'open' | '';
	/** Those I own, or am responsible for. */
	mine?: boolean;
	/** Nobody has taken them up yet (首問). */
	unowned?: boolean;
	serious?: boolean;
	unverified?: boolean;
	kindId?: string;
	/** Only complaints that came in within this age band (kernel/case-age.ts). */
	age?: CaseAge | null;
	/** Only late ones (lateSql: open past the promised reply or the department's deadline). */
	late?: boolean;
	reference?: string;
	after?: { createdAt: string; id: string } | null;
	limit?: number;
}

/** The board's filter as SQL: the one condition its list and the staff home's glance share. */
async function queueConditions(executor: Executor, actor: Actor, filter: ComplaintFilter, now: Date): Promise<SQL | undefined> {
	const conditions: (SQL | undefined)[] = [await visibleComplaints(executor, actor)];
	if (filter.estateId && isUuid(filter.estateId)) conditions.push(eq(complaints.estateId, filter.estateId));
	if (filter.state === 'open') conditions.push(inArray(complaints.state, [...openComplaintStates]));
	else if (filter.state) conditions.push(eq(complaints.state, filter.state));
	if (filter.mine) conditions.push(or(eq(complaints.ownerId, actor.userId), eq(complaints.responsibleId, actor.userId)));
	if (filter.unowned) conditions.push(isNull(complaints.ownerId));
	if (filter.serious) conditions.push(eq(complaints.severity, 'serious'));
	if (filter.unverified) conditions.push(eq(complaints.verified, false));
	if (filter.kindId && isUuid(filter.kindId)) conditions.push(eq(complaints.kindId, filter.kindId));
	if (filter.age) conditions.push(caseAgeSql(complaints.createdAt, filter.age, now));
	if (filter.late) conditions.push(lateSql(now));
	const reference = filter.reference?.trim().replace(/^c/i, '');
	if (reference && /^\d{1,12}$/.test(reference)) conditions.push(eq(complaints.seq, Number(reference)));
	return and(...conditions);
}

/** The staff board's list: filtered, newest first, keyset-paginated on (created_at, id). */
export async function complaintQueue(actor: Actor, filter: ComplaintFilter, executor: Executor = db()) {
	requireStaff(actor, ['complaints.read', 'complaints.resolve']);
	const limit = Math.min(Math.max(filter.limit ?? 25, 1), 100);
	const conditions: (SQL | undefined)[] = [await queueConditions(executor, actor, filter, new Date())];
	if (filter.after && isUuid(filter.after.id) && !Number.isNaN(Date.parse(filter.after.createdAt))) {
		const at = new Date(filter.after.createdAt);
		conditions.push(lte(complaints.createdAt, at));
		conditions.push(or(lt(complaints.createdAt, at), and(eq(complaints.createdAt, at), lt(complaints.id, filter.after.id))));
	}
	const rows = await summaries(executor, and(...conditions), limit + 1);
	const page = rows.slice(0, limit);
	const last = page.at(-1);
	return { rows: page, next: rows.length > limit && last ? { createdAt: last.createdAt.toISOString(), id: last.id } : null };
}

/** Late as SQL (isLate's rule): open past the promised reply, or assigned past the department's deadline. */
function lateSql(now: Date): SQL {
	return and(
		inArray(complaints.state, [...openComplaintStates]),
		or(
			isNotNull(complaints.promiseMissedAt),
			isNotNull(complaints.deadlineMissedAt),
			and(eq(complaints.state, 'assigned'), lt(complaints.departmentDueAt, now))
		)
	)!;
}

/**
 * A glance at the board's list for the staff home: how many complaints the filter holds, how many
 * of them are late, and the few most urgent (late first, then the oldest) — one statement.
 */
export async function complaintGlance(actor: Actor, filter: ComplaintFilter, { limit = 5, now = new Date(), executor = db() } = {}) {
	const where = await queueConditions(executor, actor, filter, now);
	const late = lateSql(now);
	const rows = await executor
		.select({
			id: complaints.id,
			seq: complaints.seq,
			content: complaints.content,
			createdAt: complaints.createdAt,
			promisedReplyBy: complaints.promisedReplyBy,
			departmentDueAt: complaints.departmentDueAt,
			state: complaints.state,
			timeZone: estates.timeZone,
			kind: { nameEn: complaintKinds.nameEn, nameZhHans: complaintKinds.nameZhHans, nameZhHant: complaintKinds.nameZhHant },
			late: sql<boolean>`${late}`,
			count: sql<number>`(count(*) over ())::int`,
			lateCount: sql<number>`(count(*) filter (where ${late}) over ())::int`
		})
		.from(complaints)
		.innerJoin(complaintKinds, eq(complaintKinds.id, complaints.kindId))
		.innerJoin(estates, eq(estates.id, complaints.estateId))
		.where(where)
		.orderBy(desc(late), asc(complaints.createdAt))
		.limit(limit);
	return {
		count: rows[0]?.count ?? 0,
		overdue: rows[0]?.lateCount ?? 0,
		rows: rows.map((r) => ({ ...r, reference: complaintReference(r) }))
	};
}

/**
 * How many complaints a filtered board holds by kind and age band (the manager's dashboard), and
 * how many of them are late — through the board's own condition, so each count is what the board
 * lists with `kind` and `age` added to the same filter.
 */
export async function complaintBreakdown(actor: Actor, filter: ComplaintFilter, { now = new Date(), executor = db() } = {}) {
	requireStaff(actor, ['complaints.read', 'complaints.resolve']);
	const band = caseAgeBandSql(complaints.createdAt, now);
	const rows = await executor
		.select({
			kindId: complaints.kindId,
			kind: { nameEn: complaintKinds.nameEn, nameZhHans: complaintKinds.nameZhHans, nameZhHant: complaintKinds.nameZhHant },
			sort: complaintKinds.sort,
			age: band,
			count: sql<number>`count(*)::int`,
			late: sql<number>`(count(*) filter (where ${lateSql(now)}))::int`
		})
		.from(complaints)
		.innerJoin(complaintKinds, eq(complaintKinds.id, complaints.kindId))
		.where(await queueConditions(executor, actor, filter, now))
		// By position: the band's instants are parameters, so the expression itself would not match its select.
		.groupBy(sql.raw('1, 2, 3, 4, 5, 6'));
	return rows.map((row) => ({ ...row, count: Number(row.count), late: Number(row.late) }));
}

/**
 * The callback board of a month (complaints resolved in it, each estate's own month): the shares
 * against rule 4's 10 % / 30 %, how many more callbacks are needed, and which complaints to call
 * next — the unsatisfied and the serious first, then the longest resolved.
 */
export async function complaintCallbackBoard(actor: Actor, scope: Pick<ReportScope, 'selected'>, executor: Executor = db()) {
	const inScope = and(await visibleComplaints(executor, actor), inMonth(scope, complaints.estateId, complaints.resolvedAt));
	const [counts] = await executor
		.select({
			resolved: sql<number>`count(*)::int`,
			calledBack: sql<number>`count(${complaints.callbackAt})::int`,
			inPerson: sql<number>`(count(*) filter (where ${complaints.callbackMode} = 'in_person'))::int`
		})
		.from(complaints)
		.where(inScope);
	const next = await summaries(executor, and(inScope, isNull(complaints.callbackAt)), 10, [
		sql`${complaints.satisfied} is not false`,
		sql`${complaints.severity} <> 'serious'`,
		asc(complaints.resolvedAt)
	]);
	return { shares: complaintCallbackShares(counts?.resolved ?? 0, counts?.calledBack ?? 0, counts?.inPerson ?? 0), next };
}

export interface ComplaintTimelineEntry {
	id: number;
	at: Date;
	kind: ComplaintEventKind;
	note: string;
	data: Record<string, unknown>;
	actorName: string | null;
	byStaff: boolean;
}

/** Everything one page shows about a complaint, for whoever may see it (404 otherwise), with the actions open now. */
export async function complaintDetail(actor: Actor, complaintId: string, executor: Executor = db()) {
	const loaded = await loadComplaint(executor, actor, complaintId);
	const { complaint, capacities } = loaded;
	const reader: Audience = capacities.has('complainant') ? 'all' : 'staff';
	const [[summary], events, photos] = await Promise.all([
		summaries(executor, eq(complaints.id, complaint.id), 1),
		listEventsWithActors('complaint', complaint.id, executor),
		executor
			.select({ id: files.id, type: files.subjectType, width: files.width, height: files.height })
			.from(files)
			.where(
				and(inArray(files.subjectType, reader === 'staff' ? [...complaintFileTypes] : ['complaint']), eq(files.subjectId, complaint.id))
			)
			.orderBy(asc(files.createdAt))
	]);
	const peopleIds = [complaint.responsibleId, complaint.callbackBy].filter((id): id is string => id !== null);
	const people = peopleIds.length
		? await executor.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, peopleIds))
		: [];
	const name = (id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? null) : null);
	return {
		...loaded,
		summary: summary!,
		responsibleName: name(complaint.responsibleId),
		callbackByName: name(complaint.callbackBy),
		timeline: events
			.filter((e) => shownTo(e.kind, reader))
			.map(({ actorKind, ...e }) => ({
				...e,
				kind: e.kind as ComplaintEventKind,
				byStaff: actorKind === 'staff'
			})) as ComplaintTimelineEntry[],
		photos,
		actions: complaintActions(loaded, actor.userId)
	};
}

/** The people a staff form may pick: desk members to hand over to, and each department's staff for the responsible person. */
export async function complaintStaffChoices(actor: Actor, estateId: string, executor: Executor = db()) {
	if (!can(actor, ['complaints.intake', 'complaints.direct']))
		return { desk: [], departments: {} as Record<string, { id: string; name: string }[]> };
	const [desk, ...byDepartment] = await Promise.all([
		staffInEstate(executor, estateId, ['customer_service', 'manager']),
		...Object.values(departmentRoles).map((roles) => staffInEstate(executor, estateId, roles))
	]);
	return {
		desk: desk.filter((s) => s.id !== actor.userId),
		departments: Object.fromEntries(Object.keys(departmentRoles).map((d, i) => [d, byDepartment[i]!]))
	};
}

/** A complaint's photo or signature, for whoever may see the complaint (signatures: staff only); 404 otherwise. */
export async function complaintFileFor(actor: Actor, fileId: string, executor: Executor = db()) {
	if (!isUuid(fileId)) error(404, 'Not found');
	const [file] = await executor
		.select()
		.from(files)
		.where(and(eq(files.id, fileId), inArray(files.subjectType, [...complaintFileTypes])));
	if (!file) error(404, 'Not found');
	const { capacities } = await loadComplaint(executor, actor, file.subjectId);
	if (file.subjectType === 'complaint-signature' && capacities.has('complainant')) error(404, 'Not found');
	return file;
}
