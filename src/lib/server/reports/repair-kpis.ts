/**
 * Monthly repair statistics as SQL aggregates. Every query filters repair_orders by
 * `estate_id in (…) and created_at in [from, to)` so that it runs on the (estate_id, created_at,
 * id) index and reads one month of the chosen estates, whatever the size of the table; callback
 * tables are read through their own (estate, created_at) filters.
 */
import { error } from '@sveltejs/kit';
import { and, eq, gte, inArray, lt, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { DEFAULT_TIME_ZONE, localMonth, monthBounds, parseMonth, type Month } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { inActorEstates, requireStaff } from '../auth/guards.ts';
import { readDb, type Executor } from '../db/client.ts';
import type { Permission } from '../auth/permissions.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import {
	callbackEvaluations,
	estates,
	rectificationNotices,
	repairCallbacks,
	repairKinds,
	repairOrders,
	repairRatings
} from '../db/schema/index.ts';
import { sharesFrom, type EstateShares, type RoleShare } from '../callbacks/queries.ts';
import type { CallbackRole } from '../callbacks/shares.ts';
import { commonAreaArrivals, type ArrivalStats } from './arrivals.ts';

export interface ReportEstate {
	id: string;
	code: string;
	name: string;
	timeZone: string;
}

/** An estate of the report with the instants bounding the month in its own zone. */
export interface ScopedEstate extends ReportEstate {
	from: Date;
	to: Date;
}

export interface ReportScope {
	/** The estates the actor may report on (the picker). */
	estates: ReportEstate[];
	/** The estates this report covers — the chosen one, or all of the actor's — each with its month. */
	selected: ScopedEstate[];
	/** The chosen estate id, '' for all. */
	estateId: string;
	month: Month;
	/** The span of the month over the selected estates (they may lie in different zones). */
	from: Date;
	to: Date;
	/** The zones the month is read in. */
	timeZones: string[];
}

/**
 * Who may see statistics (repairs.stats by default, staff only — complaints ask complaints.read) and over what: an estate of theirs or all of
 * them, and a month (default: the current one). Each estate's month runs from its own local
 * midnight. An estate outside the actor's is a 404, the same as a missing one.
 */
export async function reportScope(
	actor: Actor | null | undefined,
	query: { estate?: string | null; month?: string | null },
	{ now = new Date(), executor = readDb(), permission = 'repairs.stats' }: { now?: Date; executor?: Executor; permission?: Permission } = {}
): Promise<ReportScope> {
	requireStaff(actor, permission);
	const list = await executor
		.select({ id: estates.id, code: estates.code, name: estates.name, timeZone: estates.timeZone })
		.from(estates)
		.where(inActorEstates(actor, estates.id))
		.orderBy(estates.code);
	const estateId = query.estate?.trim() ?? '';
	let chosen = list;
	if (estateId) {
		const estate = isUuid(estateId) ? list.find((e) => e.id === estateId) : undefined;
		if (!estate) error(404, 'Not found');
		chosen = [estate];
	}
	// "This month" is the first chosen estate's (an actor without estates has nothing to report).
	const zone = chosen[0]?.timeZone ?? DEFAULT_TIME_ZONE;
	const month = parseMonth(query.month) ?? localMonth(now, zone);
	const selected = chosen.map((estate) => ({ ...estate, ...monthBounds(month, estate.timeZone) }));
	const span = selected.length
		? { from: new Date(Math.min(...selected.map((e) => e.from.getTime()))), to: new Date(Math.max(...selected.map((e) => e.to.getTime()))) }
		: monthBounds(month, zone);
	return {
		estates: list,
		selected,
		estateId: selected.length === 1 && estateId ? estateId : '',
		month,
		...span,
		timeZones: [...new Set(selected.map((e) => e.timeZone))]
	};
}

/**
 * Rows of the selected estates whose instant falls in the month as each estate reads it. Estates
 * sharing a zone share one range, so the usual case (one zone) is one index range scan.
 */
export function inMonth(scope: Pick<ReportScope, 'selected'>, estateColumn: AnyColumn, at: AnyColumn): SQL {
	const byBounds = new Map<string, ScopedEstate[]>();
	for (const estate of scope.selected) {
		const key = `${estate.from.toISOString()}|${estate.to.toISOString()}`;
		byBounds.set(key, [...(byBounds.get(key) ?? []), estate]);
	}
	const ranges = [...byBounds.values()].map((group) =>
		and(
			inArray(
				estateColumn,
				group.map((e) => e.id)
			),
			gte(at, group[0]!.from),
			lt(at, group[0]!.to)
		)!
	);
	return ranges.length === 1 ? ranges[0]! : (or(...ranges) ?? sql`false`);
}

export interface DurationStats {
	/** Orders that have this duration (responded / work done). */
	count: number;
	averageSeconds: number | null;
	medianSeconds: number | null;
}

export interface Rate {
	/** Orders the rate is measured on. */
	of: number;
	/** Orders that met it. */
	met: number;
	/** met / of, null when nothing is measured yet. */
	rate: number | null;
}

export interface KindVolume {
	kindId: string;
	code: string;
	nameEn: string;
	nameZhHans: string;
	nameZhHant: string;
	orders: number;
	done: number;
}

export interface RepairKpis {
	orders: number;
	open: number;
	done: number;
	cancelled: number;
	firstResponse: DurationStats;
	completion: DurationStats;
	/** First response by responseDueAt, among orders answered or past that deadline unanswered. */
	responseSla: Rate;
	/** Work done by completionDueAt, among orders done or still open past that deadline. */
	completionSla: Rate;
	/** Done orders never reopened (reopenCount = 0) of done orders. */
	firstTimeFix: Rate;
	satisfaction: { count: number; overall: number | null; speed: number | null; technician: number | null };
	byKind: KindVolume[];
}

const rate = (met: number, of: number): Rate => ({ of, met, rate: of === 0 ? null : met / of });
const num = (value: unknown): number => Number(value ?? 0);
const maybe = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

const ordersIn = (scope: Pick<ReportScope, 'selected'>) => inMonth(scope, repairOrders.estateId, repairOrders.createdAt);

/** Repair KPIs of the orders created in the scope's month in its estates. */
async function repairKpis(scope: Pick<ReportScope, 'selected'>, { now = new Date(), executor = readDb() } = {}): Promise<RepairKpis> {
	const empty: RepairKpis = {
		orders: 0,
		open: 0,
		done: 0,
		cancelled: 0,
		firstResponse: { count: 0, averageSeconds: null, medianSeconds: null },
		completion: { count: 0, averageSeconds: null, medianSeconds: null },
		responseSla: rate(0, 0),
		completionSla: rate(0, 0),
		firstTimeFix: rate(0, 0),
		satisfaction: { count: 0, overall: null, speed: null, technician: null },
		byKind: []
	};
	if (scope.selected.length === 0) return empty;
	const o = repairOrders;
	const at = sql`${now.toISOString()}::timestamptz`;
	const responseSeconds = sql`extract(epoch from (${o.firstResponseAt} - ${o.createdAt}))::float8`;
	const completionSeconds = sql`extract(epoch from (${o.workDoneAt} - ${o.createdAt}))::float8`;
	const [totals] = await executor
		.select({
			orders: sql<number>`count(*)::int`,
			open: sql<number>`count(*) filter (where ${o.state} not in ('done', 'cancelled'))::int`,
			done: sql<number>`count(*) filter (where ${o.state} = 'done')::int`,
			cancelled: sql<number>`count(*) filter (where ${o.state} = 'cancelled')::int`,
			responded: sql<number>`count(${o.firstResponseAt})::int`,
			responseAvg: sql<number | null>`avg(${responseSeconds})::float8`,
			responseMedian: sql<number | null>`percentile_cont(0.5) within group (order by ${responseSeconds})::float8`,
			worked: sql<number>`count(${o.workDoneAt})::int`,
			completionAvg: sql<number | null>`avg(${completionSeconds})::float8`,
			completionMedian: sql<number | null>`percentile_cont(0.5) within group (order by ${completionSeconds})::float8`,
			responseOf: sql<number>`count(*) filter (where ${o.firstResponseAt} is not null or (${o.state} <> 'cancelled' and ${o.responseDueAt} < ${at}))::int`,
			responseMet: sql<number>`count(*) filter (where ${o.firstResponseAt} <= ${o.responseDueAt})::int`,
			completionOf: sql<number>`count(*) filter (where ${o.workDoneAt} is not null or (${o.state} not in ('done', 'cancelled') and ${o.completionDueAt} < ${at}))::int`,
			completionMet: sql<number>`count(*) filter (where ${o.workDoneAt} <= ${o.completionDueAt})::int`,
			firstTime: sql<number>`count(*) filter (where ${o.state} = 'done' and ${o.reopenCount} = 0)::int`,
			rated: sql<number>`count(${repairRatings.repairId})::int`,
			overall: sql<number | null>`avg(${repairRatings.overall})::float8`,
			speed: sql<number | null>`avg(${repairRatings.speed})::float8`,
			technician: sql<number | null>`avg(${repairRatings.technician})::float8`
		})
		.from(o)
		.leftJoin(repairRatings, eq(repairRatings.repairId, o.id))
		.where(ordersIn(scope));
	const byKind = await executor
		.select({
			kindId: o.kindId,
			orders: sql<number>`count(*)::int`,
			done: sql<number>`count(*) filter (where ${o.state} = 'done')::int`
		})
		.from(o)
		.where(ordersIn(scope))
		.groupBy(o.kindId);
	const kinds = byKind.length
		? await executor
				.select({
					id: repairKinds.id,
					code: repairKinds.code,
					nameEn: repairKinds.nameEn,
					nameZhHans: repairKinds.nameZhHans,
					nameZhHant: repairKinds.nameZhHant,
					sort: repairKinds.sort
				})
				.from(repairKinds)
				.where(
					inArray(
						repairKinds.id,
						byKind.map((k) => k.kindId)
					)
				)
		: [];
	const t = totals!;
	return {
		orders: num(t.orders),
		open: num(t.open),
		done: num(t.done),
		cancelled: num(t.cancelled),
		firstResponse: { count: num(t.responded), averageSeconds: maybe(t.responseAvg), medianSeconds: maybe(t.responseMedian) },
		completion: { count: num(t.worked), averageSeconds: maybe(t.completionAvg), medianSeconds: maybe(t.completionMedian) },
		responseSla: rate(num(t.responseMet), num(t.responseOf)),
		completionSla: rate(num(t.completionMet), num(t.completionOf)),
		firstTimeFix: rate(num(t.firstTime), num(t.done)),
		satisfaction: { count: num(t.rated), overall: maybe(t.overall), speed: maybe(t.speed), technician: maybe(t.technician) },
		byKind: byKind
			.map((row) => {
				const kind = kinds.find((k) => k.id === row.kindId);
				return {
					kindId: row.kindId,
					code: kind?.code ?? '',
					nameEn: kind?.nameEn ?? '',
					nameZhHans: kind?.nameZhHans ?? '',
					nameZhHant: kind?.nameZhHant ?? '',
					orders: num(row.orders),
					done: num(row.done)
				};
			})
			.sort((a, b) => b.orders - a.orders || a.code.localeCompare(b.code))
	};
}

export interface CallbackStats {
	/** Callbacks of the month: one per repair signed off in it. */
	total: number;
	done: number;
	/** Done by their due time. */
	onTime: number;
	/** Done, but after their due time. */
	late: number;
	/** Still open past their due time. */
	overdue: number;
	/** Open and not yet due. */
	pending: number;
	problems: number;
	/** Average of the technician's service (1–5) as told on the calls. */
	serviceAverage: number | null;
	/** Shares by role over the selected estates, and per estate (the rule holds per estate). */
	roles: RoleShare[];
	estates: EstateShares[];
	rectifications: { issued: number; resolved: number; resolvedOnTime: number; open: number; openOverdue: number };
	evaluations: { count: number; serviceAverage: number | null; workOk: number; chargesOk: number };
}

/**
 * Monthly callback statistics (rule 3: "monthly callback statistics go to the department head"):
 * the callbacks created in the month (one per repair signed off), how many were done and on
 * time, shares by role against the floors, problems found, rectification notices issued in the
 * month and how they were resolved, and the residents' own evaluations submitted in the month.
 */
async function callbackStats(scope: Pick<ReportScope, 'selected'>, { now = new Date(), executor = readDb() } = {}): Promise<CallbackStats> {
	const ids = scope.selected.map((e) => e.id);
	const c = repairCallbacks;
	const at = sql`${now.toISOString()}::timestamptz`;
	const rows = ids.length
		? await executor
				.select({
					estateId: c.estateId,
					role: c.assigneeRole,
					total: sql<number>`count(*)::int`,
					done: sql<number>`count(*) filter (where ${c.state} = 'done')::int`,
					onTime: sql<number>`count(*) filter (where ${c.state} = 'done' and ${c.doneAt} <= ${c.dueAt})::int`,
					overdue: sql<number>`count(*) filter (where ${c.state} = 'open' and ${c.dueAt} < ${at})::int`,
					problems: sql<number>`count(*) filter (where ${c.problemFound})::int`,
					ratingSum: sql<number>`coalesce(sum(${c.serviceRating}), 0)::int`,
					rated: sql<number>`count(${c.serviceRating})::int`
				})
				.from(c)
				.where(inMonth(scope, c.estateId, c.createdAt))
				.groupBy(c.estateId, c.assigneeRole)
		: [];
	const sum = (key: 'total' | 'done' | 'onTime' | 'overdue' | 'problems' | 'ratingSum' | 'rated') =>
		rows.reduce((s, r) => s + num(r[key]), 0);
	const byRole: Partial<Record<CallbackRole, number>> = {};
	for (const row of rows) byRole[row.role] = (byRole[row.role] ?? 0) + num(row.total);
	const estatesShares: EstateShares[] = scope.selected.map((estate) => {
		const counts: Partial<Record<CallbackRole, number>> = {};
		for (const row of rows.filter((r) => r.estateId === estate.id)) counts[row.role] = num(row.total);
		return { estateId: estate.id, estateCode: estate.code, estateName: estate.name, ...sharesFrom(counts) };
	});

	const n = rectificationNotices;
	const [notices] = ids.length
		? await executor
				.select({
					issued: sql<number>`count(*)::int`,
					resolved: sql<number>`count(*) filter (where ${n.state} = 'resolved')::int`,
					resolvedOnTime: sql<number>`count(*) filter (where ${n.state} = 'resolved' and ${n.resolvedAt} <= ${n.dueAt})::int`,
					open: sql<number>`count(*) filter (where ${n.state} = 'open')::int`,
					openOverdue: sql<number>`count(*) filter (where ${n.state} = 'open' and ${n.dueAt} < ${at})::int`
				})
				.from(n)
				.innerJoin(c, eq(c.id, n.callbackId))
				.where(inMonth(scope, c.estateId, n.createdAt))
		: [];
	const e = callbackEvaluations;
	const [evaluations] = ids.length
		? await executor
				.select({
					count: sql<number>`count(*)::int`,
					serviceAverage: sql<number | null>`avg(${e.serviceRating})::float8`,
					workOk: sql<number>`count(*) filter (where ${e.workOk})::int`,
					chargesOk: sql<number>`count(*) filter (where ${e.chargesOk})::int`
				})
				.from(e)
				.innerJoin(c, eq(c.id, e.callbackId))
				.where(inMonth(scope, c.estateId, e.submittedAt))
		: [];
	const total = sum('total');
	const done = sum('done');
	const overdue = sum('overdue');
	return {
		total,
		done,
		onTime: sum('onTime'),
		late: done - sum('onTime'),
		overdue,
		pending: total - done - overdue,
		problems: sum('problems'),
		serviceAverage: sum('rated') === 0 ? null : sum('ratingSum') / sum('rated'),
		roles: sharesFrom(byRole).roles,
		estates: estatesShares,
		rectifications: {
			issued: num(notices?.issued),
			resolved: num(notices?.resolved),
			resolvedOnTime: num(notices?.resolvedOnTime),
			open: num(notices?.open),
			openOverdue: num(notices?.openOverdue)
		},
		evaluations: {
			count: num(evaluations?.count),
			serviceAverage: maybe(evaluations?.serviceAverage),
			workOk: num(evaluations?.workOk),
			chargesOk: num(evaluations?.chargesOk)
		}
	};
}

export interface RepairReport {
	scope: ReportScope;
	kpis: RepairKpis;
	callbacks: CallbackStats;
	/** On-time arrival on common-area jobs (rule 2). */
	arrivals: ArrivalStats;
}

/** The whole statistics page (and its exports): scope checked, then both sets of aggregates. */
export async function repairReport(
	actor: Actor | null | undefined,
	query: { estate?: string | null; month?: string | null },
	{ now = new Date(), executor = readDb() } = {}
): Promise<RepairReport> {
	const scope = await reportScope(actor, query, { now, executor });
	const [kpis, callbacks, arrivals] = await Promise.all([
		repairKpis(scope, { now, executor }),
		callbackStats(scope, { now, executor }),
		commonAreaArrivals(executor, scope.selected.length ? ordersIn(scope) : null)
	]);
	return { scope, kpis, callbacks, arrivals };
}
