import { error } from '@sveltejs/kit';
import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { requireResident, requireStaff } from '../auth/guards.ts';
import { db, listValues, preparedOnce, type Executor } from '../db/client.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { caseAgeBandSql, caseAgeSql } from '#lib/server/kernel/case-age.ts';
import type { CaseAge } from '#lib/case-age.ts';
import {
	buildings,
	estates,
	files,
	repairCallbacks,
	repairKinds,
	repairMaterials,
	repairOrders,
	repairQuotes,
	repairRatings,
	units,
	users
} from '../db/schema/index.ts';
import { activeBooking } from '../appointments/bookings.ts';
import { loadRepair, ofResidentScope, residentRepairScope, visibleRepairs, type RepairOrder } from './access.ts';
import { shownTo, type RepairEventKind } from './event-kinds.ts';
import { openRepairStates, repairActions, type RepairCapacity, type RepairState } from './machine.ts';
import { quoteActions } from './quote-machine.ts';
import { repairReference } from './notices.ts';
import { listEventsWithActors } from '../events/service.ts';

export const repairFileTypes = ['repair', 'repair-after', 'repair-signature'] as const;

/** The columns of an order a list shows, with its kind's names and its estate. */
function listColumns() {
	return {
		id: repairOrders.id,
		seq: repairOrders.seq,
		state: repairOrders.state,
		channel: repairOrders.channel,
		verified: repairOrders.verified,
		appointmentAgreement: repairOrders.appointmentAgreement,
		createdAt: repairOrders.createdAt,
		description: repairOrders.description,
		location: repairOrders.location,
		locationDetail: repairOrders.locationDetail,
		responseDueAt: repairOrders.responseDueAt,
		completionDueAt: repairOrders.completionDueAt,
		firstResponseAt: repairOrders.firstResponseAt,
		workDoneAt: repairOrders.workDoneAt,
		promisedReplyBy: repairOrders.promisedReplyBy,
		escalatedAt: repairOrders.escalatedAt,
		estateId: repairOrders.estateId,
		estateName: estates.name,
		timeZone: estates.timeZone,
		unitId: repairOrders.unitId,
		technicianId: repairOrders.technicianId,
		ownerId: repairOrders.ownerId,
		kind: { nameEn: repairKinds.nameEn, nameZhHans: repairKinds.nameZhHans, nameZhHant: repairKinds.nameZhHant }
	};
}

/**
 * Orders as lists show them, newest first: the orders matching `where` (with their kind and estate,
 * two small tables joined on their keys), then the units and people of just those rows by id. As
 * one join of seven tables the statement cost more to plan than to run — on PGlite 6–12 ms of
 * planning for 1–2 ms of work, on the server's only thread, at every page view.
 */
async function summaries(executor: Executor, where: SQL | undefined, limit: number) {
	const orders = await executor
		.select(listColumns())
		.from(repairOrders)
		.innerJoin(repairKinds, eq(repairKinds.id, repairOrders.kindId))
		.innerJoin(estates, eq(estates.id, repairOrders.estateId))
		.where(where)
		.orderBy(desc(repairOrders.createdAt), desc(repairOrders.id))
		.limit(limit);
	if (orders.length === 0) return [];
	const unitIds = [...new Set(orders.map((o) => o.unitId))];
	const peopleIds = [...new Set(orders.flatMap((o) => [o.technicianId, o.ownerId]).filter((id): id is string => id !== null))];
	const [places, people] = await Promise.all([
		executor
			.select({ id: units.id, number: units.number, buildingName: buildings.name })
			.from(units)
			.innerJoin(buildings, eq(buildings.id, units.buildingId))
			.where(inArray(units.id, unitIds)),
		peopleIds.length ? executor.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, peopleIds)) : []
	]);
	const place = new Map(places.map((p) => [p.id, p]));
	const name = new Map(people.map((p) => [p.id, p.name]));
	return orders.map(({ unitId, technicianId, ownerId, ...order }) => ({
		...order,
		buildingName: place.get(unitId)!.buildingName,
		unitNumber: place.get(unitId)!.number,
		technicianName: technicianId ? (name.get(technicianId) ?? null) : null,
		ownerName: ownerId ? (name.get(ownerId) ?? null) : null
	}));
}

/** Overdue: still open past the deadline of the stage it is in (first response, then completion). */
function isOverdue(
	order: Pick<RepairOrder, 'state' | 'firstResponseAt' | 'responseDueAt' | 'completionDueAt' | 'workDoneAt'>,
	now = new Date()
): boolean {
	if (!openRepairStates.includes(order.state)) return false;
	if (!order.firstResponseAt && order.responseDueAt < now) return true;
	return !order.workDoneAt && order.completionDueAt < now;
}

/** isOverdue as an SQL condition, for the queue's filter: the same rule, kept beside it. */
function overdueSql(now: Date): SQL | undefined {
	return and(
		inArray(repairOrders.state, [...openRepairStates]),
		or(
			and(sql`${repairOrders.firstResponseAt} is null`, lt(repairOrders.responseDueAt, now)),
			and(sql`${repairOrders.workDoneAt} is null`, lt(repairOrders.completionDueAt, now))
		)
	);
}

function decorate<T extends Pick<RepairOrder, 'seq' | 'state' | 'firstResponseAt' | 'responseDueAt' | 'completionDueAt' | 'workDoneAt'>>(
	rows: T[],
	now = new Date()
) {
	return rows.map((row) => ({ ...row, reference: repairReference(row), overdue: isOverdue(row, now) }));
}

/** A resident's repairs — those of the occupancies it holds today — newest first. */
export async function listMyRepairs(actor: Actor, executor: Executor = db()) {
	requireResident(actor);
	return decorate(await summaries(executor, await visibleRepairs(executor, actor), 200));
}

/** Open repairs the resident home lists, at most. */
const HOME_OPEN_LIMIT = 50;

/** The home's repairs: the open ones first, newest first (every view of the home reads it). */
const homeRepairRows = preparedOnce((executor, length) =>
	executor
		.select({
			id: repairOrders.id,
			seq: repairOrders.seq,
			state: repairOrders.state,
			kind: { nameEn: repairKinds.nameEn, nameZhHans: repairKinds.nameZhHans, nameZhHant: repairKinds.nameZhHant }
		})
		.from(repairOrders)
		.innerJoin(repairKinds, eq(repairKinds.id, repairOrders.kindId))
		.where(ofResidentScope(length))
		.orderBy(sql`${inArray(repairOrders.state, [...openRepairStates])} desc`, desc(repairOrders.createdAt), desc(repairOrders.id))
		.limit(HOME_OPEN_LIMIT)
		.prepare('home_repairs')
);

/**
 * The resident home's card: the open repairs, newest first, and whether there are any repairs at
 * all (the link to the full list). One narrow query: open orders sort first, so the rows answer both.
 */
export async function myOpenRepairs(actor: Actor, executor: Executor = db()) {
	requireResident(actor);
	const held = await residentRepairScope(executor, actor);
	const rows = held.length ? await homeRepairRows(executor, held.length).execute(listValues('held', held)) : [];
	return {
		open: rows.filter((row) => openRepairStates.includes(row.state)).map((row) => ({ ...row, reference: repairReference(row) })),
		any: rows.length > 0
	};
}

export interface QueueFilter {
	estateId?: string;
	state?: RepairState | 'open' | '';
	kindId?: string;
	/** Only orders I own (desk) or am assigned (technician). */
	mine?: boolean;
	overdue?: boolean;
	/** Only orders nobody has taken up yet (首問: no owner). */
	unowned?: boolean;
	/** Only orders with a paid-service quote waiting for a supervisor. */
	quotePending?: boolean;
	/** Only requests from the public widget not yet matched to their sender (repairs/match.ts). */
	unverified?: boolean;
	/** Only visits whose time the technician proposed after missing one, not yet confirmed by the resident. */
	timeUnconfirmed?: boolean;
	/** Only orders that came in within this age band (kernel/case-age.ts). */
	age?: CaseAge | null;
	/** A reference like R000123 or 123. */
	reference?: string;
	/** Keyset cursor: createdAt ISO + id of the last row shown. */
	after?: { createdAt: string; id: string } | null;
	limit?: number;
}

/** A proposed time still waiting for the resident (the same condition as the machine's timeProposed fact, access.ts). */
const timeUnconfirmedSql = and(eq(repairOrders.appointmentAgreement, 'proposed'), eq(repairOrders.state, 'scheduled'));

/**
 * The queue's condition for a filter, cursor aside: the queue and the staff home's counts read the
 * same one, so a count and the queue it links to always agree. Scoped by visibleRepairs.
 */
async function queueCondition(executor: Executor, actor: Actor, filter: QueueFilter, now: Date): Promise<SQL | undefined> {
	const conditions: (SQL | undefined)[] = [await visibleRepairs(executor, actor)];
	if (filter.estateId && isUuid(filter.estateId)) conditions.push(eq(repairOrders.estateId, filter.estateId));
	if (filter.state === 'open') conditions.push(inArray(repairOrders.state, [...openRepairStates]));
	else if (filter.state) conditions.push(eq(repairOrders.state, filter.state));
	if (filter.kindId && isUuid(filter.kindId)) conditions.push(eq(repairOrders.kindId, filter.kindId));
	if (filter.mine) conditions.push(or(eq(repairOrders.ownerId, actor.userId), eq(repairOrders.technicianId, actor.userId)));
	if (filter.overdue) conditions.push(overdueSql(now));
	if (filter.unowned) conditions.push(isNull(repairOrders.ownerId));
	if (filter.unverified) conditions.push(eq(repairOrders.verified, false));
	if (filter.timeUnconfirmed) conditions.push(timeUnconfirmedSql);
	if (filter.age) conditions.push(caseAgeSql(repairOrders.createdAt, filter.age, now));
	if (filter.quotePending)
		conditions.push(
			sql`exists (select 1 from ${repairQuotes} where ${repairQuotes.repairId} = ${repairOrders.id} and ${repairQuotes.state} = 'pending_approval')`
		);
	const reference = filter.reference?.trim().replace(/^r/i, '');
	if (reference && /^\d{1,12}$/.test(reference)) conditions.push(eq(repairOrders.seq, Number(reference)));
	return and(...conditions);
}

/**
 * The staff queue, filtered, newest first, keyset-paginated on (created_at, id) so page 500 costs
 * what page 1 does. Scoped by visibleRepairs like everything else.
 */
export async function staffQueue(actor: Actor, filter: QueueFilter, executor: Executor = db()) {
	requireStaff(actor, 'repairs.read');
	const limit = Math.min(Math.max(filter.limit ?? 25, 1), 100);
	const now = new Date();
	const conditions: (SQL | undefined)[] = [await queueCondition(executor, actor, filter, now)];
	if (filter.after && isUuid(filter.after.id) && !Number.isNaN(Date.parse(filter.after.createdAt))) {
		const at = new Date(filter.after.createdAt);
		// The plain bound lets the index start at the cursor; the OR alone is only a filter on every newer row.
		conditions.push(lte(repairOrders.createdAt, at));
		conditions.push(or(lt(repairOrders.createdAt, at), and(eq(repairOrders.createdAt, at), lt(repairOrders.id, filter.after.id))));
	}
	const rows = await summaries(executor, and(...conditions), limit + 1);
	const page = decorate(rows.slice(0, limit), now);
	const last = page.at(-1);
	return {
		rows: page,
		next: rows.length > limit && last ? { createdAt: last.createdAt.toISOString(), id: last.id } : null
	};
}

/**
 * How many orders a filtered queue holds by kind and age band (the manager's dashboard), and how
 * many of them are overdue — read through the queue's own condition, so each count is what the
 * queue shows with `kind` and `age` added to the same filter.
 */
export async function queueBreakdown(actor: Actor, filter: QueueFilter, { executor = db(), now = new Date() } = {}) {
	requireStaff(actor, 'repairs.read');
	const band = caseAgeBandSql(repairOrders.createdAt, now);
	const rows = await executor
		.select({
			kindId: repairOrders.kindId,
			kind: { nameEn: repairKinds.nameEn, nameZhHans: repairKinds.nameZhHans, nameZhHant: repairKinds.nameZhHant },
			sort: repairKinds.sort,
			age: band,
			count: sql<number>`count(*)::int`,
			overdue: sql<number>`(count(*) filter (where ${overdueSql(now) ?? sql`false`}))::int`
		})
		.from(repairOrders)
		.innerJoin(repairKinds, eq(repairKinds.id, repairOrders.kindId))
		.where(await queueCondition(executor, actor, filter, now))
		// By position: the band's instants are parameters, so the expression itself would not match its select.
		.groupBy(sql.raw('1, 2, 3, 4, 5, 6'));
	return rows.map((row) => ({ ...row, count: Number(row.count), overdue: Number(row.overdue) }));
}

/**
 * A glance at a filtered queue for the staff home: how many orders it holds and the few most
 * urgent (overdue first, then newest), in one statement — the counts ride along as windows over
 * the same rows, and the unit and the estate's time zone are scalar subqueries, keeping the join narrow.
 */
export async function queueGlance(actor: Actor, filter: QueueFilter, { limit = 5, executor = db(), now = new Date() } = {}) {
	requireStaff(actor, 'repairs.read');
	const overdue = overdueSql(now) ?? sql`false`;
	const rows = await executor
		.select({
			id: repairOrders.id,
			seq: repairOrders.seq,
			state: repairOrders.state,
			createdAt: repairOrders.createdAt,
			responseDueAt: repairOrders.responseDueAt,
			completionDueAt: repairOrders.completionDueAt,
			firstResponseAt: repairOrders.firstResponseAt,
			workDoneAt: repairOrders.workDoneAt,
			kind: { nameEn: repairKinds.nameEn, nameZhHans: repairKinds.nameZhHans, nameZhHant: repairKinds.nameZhHant },
			place: sql<string>`(select ${buildings.name} || ' · ' || ${units.number} from ${units} inner join ${buildings} on ${buildings.id} = ${units.buildingId} where ${units.id} = ${repairOrders.unitId})`,
			timeZone: sql<string>`(select ${estates.timeZone} from ${estates} where ${estates.id} = ${repairOrders.estateId})`,
			total: sql<number>`count(*) over ()`,
			overdue: sql<number>`count(*) filter (where ${overdue}) over ()`
		})
		.from(repairOrders)
		.innerJoin(repairKinds, eq(repairKinds.id, repairOrders.kindId))
		.where(await queueCondition(executor, actor, filter, now))
		.orderBy(sql`${overdue} desc`, desc(repairOrders.createdAt), desc(repairOrders.id))
		.limit(limit);
	return {
		count: Number(rows[0]?.total ?? 0),
		overdue: Number(rows[0]?.overdue ?? 0),
		rows: decorate(
			rows.map(({ total: _total, overdue: _overdue, ...row }) => row),
			now
		)
	};
}

export interface TimelineEntry {
	id: number;
	at: Date;
	kind: RepairEventKind;
	from: string | null;
	to: string | null;
	note: string;
	data: Record<string, unknown>;
	actorName: string | null;
	/** Whether the actor who wrote it was staff (residents see "Management office" then). */
	byStaff: boolean;
}

/** The order's history as its reader may see it: staff everything, the resident party what is for all. */
async function timeline(executor: Executor, repairId: string, reader: 'all' | 'staff'): Promise<TimelineEntry[]> {
	const rows = await listEventsWithActors('repair', repairId, executor);
	return rows
		.filter((row) => shownTo(row.kind, reader))
		.map(({ actorKind, ...row }) => ({ ...row, kind: row.kind as RepairEventKind, byStaff: actorKind === 'staff' }));
}

/**
 * How the current appointment was agreed after a missed visit, read from the order and its
 * events: the technician's proposal (when, by whom, why) and the answer (confirmed or another time
 * chosen; in the portal or by phone to the desk). Null for an appointment booked the usual way.
 */
interface VisitAgreement {
	state: 'proposed' | 'confirmed' | 'chosen';
	proposedAt: Date | null;
	proposedBy: string | null;
	reason: string;
	answeredAt: Date | null;
	answeredBy: string | null;
	/** The desk recorded the resident's answer given by phone. */
	byPhone: boolean;
}

function visitAgreement(order: Pick<RepairOrder, 'appointmentAgreement'>, entries: readonly TimelineEntry[]): VisitAgreement | null {
	if (!order.appointmentAgreement) return null;
	const proposal = entries.findLast((entry) => entry.kind === 'miss');
	const answer =
		order.appointmentAgreement === 'proposed'
			? undefined
			: entries.findLast((entry) => entry.kind === 'time_confirmed' || entry.kind === 'time_chosen');
	return {
		state: order.appointmentAgreement,
		proposedAt: proposal?.at ?? null,
		proposedBy: proposal?.actorName ?? null,
		reason: proposal?.note ?? '',
		answeredAt: answer?.at ?? null,
		answeredBy: answer?.actorName ?? null,
		byPhone: answer?.data.byPhone === true
	};
}

export interface RepairPhoto {
	id: string;
	type: (typeof repairFileTypes)[number];
	width: number | null;
	height: number | null;
}

/**
 * Everything one page shows about an order, for whoever may see it (404 otherwise), with the
 * actions the machine allows this actor now.
 */
export async function repairDetail(actor: Actor, repairId: string, executor: Executor = db()) {
	const loaded = await loadRepair(executor, actor, repairId);
	const { order, capacities, timeZone } = loaded;
	const forResident = capacities.has('resident');
	const [summary] = await summaries(executor, eq(repairOrders.id, order.id), 1);
	const [kind] = await executor.select().from(repairKinds).where(eq(repairKinds.id, order.kindId));
	const [booking, entries, photos, materials, quotes, rating, callback] = await Promise.all([
		activeBooking(executor, { type: 'repair', id: order.id }),
		timeline(executor, order.id, forResident ? 'all' : 'staff'),
		executor
			.select({ id: files.id, type: files.subjectType, width: files.width, height: files.height })
			.from(files)
			.where(and(inArray(files.subjectType, [...repairFileTypes]), eq(files.subjectId, order.id)))
			.orderBy(asc(files.createdAt)),
		executor.select().from(repairMaterials).where(eq(repairMaterials.repairId, order.id)).orderBy(asc(repairMaterials.createdAt)),
		executor.select().from(repairQuotes).where(eq(repairQuotes.repairId, order.id)).orderBy(asc(repairQuotes.createdAt)),
		executor.select().from(repairRatings).where(eq(repairRatings.repairId, order.id)),
		executor
			.select({ id: repairCallbacks.id, dueAt: repairCallbacks.dueAt, state: repairCallbacks.state, doneAt: repairCallbacks.doneAt })
			.from(repairCallbacks)
			.where(eq(repairCallbacks.repairId, order.id))
	]);
	const actions = repairActions(loaded, actor.userId);
	// Residents see a quote only once a supervisor approved it.
	const shownQuotes = forResident ? quotes.filter((q) => q.state !== 'pending_approval' && q.state !== 'rejected') : quotes;
	return {
		order: { ...order, reference: repairReference(order), overdue: isOverdue(order) },
		summary: summary!,
		kind: kind!,
		timeZone,
		capacities: [...capacities] as RepairCapacity[],
		/** What this actor may do now (the machine's answer; pages show exactly these). */
		actions,
		/** A quote waits for a decision: completing the work waits for it. */
		quoteInPlay: loaded.facts.quoteInPlay,
		booking,
		/** How the appointment was agreed after a missed visit (null: booked the usual way). */
		visit: visitAgreement(order, entries),
		timeline: entries,
		photos: photos as RepairPhoto[],
		materials,
		quotes: shownQuotes.map((quote) => ({ ...quote, actions: quoteActions(quote.state, capacities, actions) })),
		rating: rating[0] ?? null,
		callback: callback[0] ?? null
	};
}

/**
 * A photo or signature of an order the actor may see; 404 for anything else (another unit's
 * photo, a file of another domain, a malformed id) — never 403, so ids reveal nothing.
 */
export async function repairFileFor(actor: Actor, fileId: string, executor: Executor = db()) {
	if (!isUuid(fileId)) error(404, 'Not found');
	const [file] = await executor
		.select()
		.from(files)
		.where(and(eq(files.id, fileId), inArray(files.subjectType, [...repairFileTypes])));
	if (!file) error(404, 'Not found');
	await loadRepair(executor, actor, file.subjectId);
	return file;
}
