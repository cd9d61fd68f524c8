import { error } from '@sveltejs/kit';
import { and, asc, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { localMonth, monthBounds, type Month } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { inActorEstates, requireStaff } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import {
	buildings,
	callbackEvaluations,
	estates,
	files,
	rectificationNotices,
	repairCallbacks,
	repairKinds,
	repairOrders,
	units,
	users
} from '../db/schema/index.ts';
import { repairReference } from '../repairs/notices.ts';
import { callbackCapacities, callbackStaff, loadCallback, visibleCallbacks } from './access.ts';
import { CALLBACK_SIGNATURE_FILE_TYPE } from './service.ts';
import { callbackMachine } from './machine.ts';
import { sharesFrom, type CallbackRole, type RoleShare } from './shares.ts';

export { sharesFrom, type RoleShare };

const assignee = alias(users, 'assignee');
const technician = alias(users, 'technician');
const doneBy = alias(users, 'done_by');

export interface CallbackBoardFilter {
	estateId?: string;
	/** Only callbacks assigned to me. */
	mine?: boolean;
	state?: 'open' | 'done' | 'all';
	/** Only open callbacks past their due time. */
	overdue?: boolean;
}

const CALLBACK_BOARD_LIMIT = 200;

/** The board's condition for a filter: the board and the staff home's glance read the same one. */
function boardCondition(actor: Actor, filter: CallbackBoardFilter, now: Date): SQL | undefined {
	const state = filter.state ?? 'open';
	const conditions: (SQL | undefined)[] = [visibleCallbacks(actor)];
	if (filter.estateId && isUuid(filter.estateId)) conditions.push(eq(repairCallbacks.estateId, filter.estateId));
	if (filter.mine) conditions.push(eq(repairCallbacks.assigneeId, actor.userId));
	if (state !== 'all') conditions.push(eq(repairCallbacks.state, state));
	if (filter.overdue) conditions.push(eq(repairCallbacks.state, 'open'), lt(repairCallbacks.dueAt, now));
	return and(...conditions);
}

/**
 * A glance at a filtered board for the staff home: how many callbacks it holds, how many of them
 * are past due, and the few due first — one statement (the counts are windows over the same rows).
 */
export async function callbackGlance(
	actor: Actor,
	filter: CallbackBoardFilter,
	{ limit = 5, now = new Date(), executor = db() }: { limit?: number; now?: Date; executor?: Executor } = {}
) {
	requireStaff(actor, 'callbacks.do');
	const rows = await executor
		.select({
			id: repairCallbacks.id,
			seq: repairOrders.seq,
			dueAt: repairCallbacks.dueAt,
			state: repairCallbacks.state,
			kind: { nameEn: repairKinds.nameEn, nameZhHans: repairKinds.nameZhHans, nameZhHant: repairKinds.nameZhHant },
			place: sql<string>`(select ${buildings.name} || ' · ' || ${units.number} from ${units} inner join ${buildings} on ${buildings.id} = ${units.buildingId} where ${units.id} = ${repairOrders.unitId})`,
			timeZone: sql<string>`(select ${estates.timeZone} from ${estates} where ${estates.id} = ${repairCallbacks.estateId})`,
			total: sql<number>`count(*) over ()`,
			overdue: sql<number>`count(*) filter (where ${repairCallbacks.state} = 'open' and ${repairCallbacks.dueAt} < ${now.toISOString()}::timestamptz) over ()`
		})
		.from(repairCallbacks)
		.innerJoin(repairOrders, eq(repairOrders.id, repairCallbacks.repairId))
		.innerJoin(repairKinds, eq(repairKinds.id, repairOrders.kindId))
		.where(boardCondition(actor, filter, now))
		.orderBy(asc(repairCallbacks.dueAt), asc(repairCallbacks.id))
		.limit(limit);
	return {
		count: Number(rows[0]?.total ?? 0),
		overdue: Number(rows[0]?.overdue ?? 0),
		rows: rows.map(({ total: _total, overdue: _overdue, ...row }) => ({
			...row,
			reference: repairReference(row),
			overdue: row.state === 'open' && row.dueAt < now
		}))
	};
}

/**
 * The callback board: every callback of the actor's estates (whoever it is assigned to), open
 * ones by due time first, with what the list needs to pick the next call.
 */
export async function callbackBoard(actor: Actor, filter: CallbackBoardFilter, { now = new Date(), executor = db() } = {}) {
	requireStaff(actor, 'callbacks.do');
	const rows = await executor
		.select({
			id: repairCallbacks.id,
			repairId: repairCallbacks.repairId,
			seq: repairOrders.seq,
			estateId: repairCallbacks.estateId,
			estateCode: estates.code,
			timeZone: estates.timeZone,
			buildingName: buildings.name,
			unitNumber: units.number,
			kind: { nameEn: repairKinds.nameEn, nameZhHans: repairKinds.nameZhHans, nameZhHant: repairKinds.nameZhHant },
			rule: repairCallbacks.rule,
			dueAt: repairCallbacks.dueAt,
			state: repairCallbacks.state,
			doneAt: repairCallbacks.doneAt,
			problemFound: repairCallbacks.problemFound,
			assigneeId: repairCallbacks.assigneeId,
			assigneeName: assignee.name,
			assigneeRole: repairCallbacks.assigneeRole,
			evaluated: sql<boolean>`exists (select 1 from ${callbackEvaluations} where ${callbackEvaluations.callbackId} = ${repairCallbacks.id})`
		})
		.from(repairCallbacks)
		.innerJoin(repairOrders, eq(repairOrders.id, repairCallbacks.repairId))
		.innerJoin(units, eq(units.id, repairOrders.unitId))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(estates, eq(estates.id, repairCallbacks.estateId))
		.innerJoin(repairKinds, eq(repairKinds.id, repairOrders.kindId))
		.leftJoin(assignee, eq(assignee.id, repairCallbacks.assigneeId))
		.where(boardCondition(actor, filter, now))
		.orderBy(
			// Open before done; open by due time (the most urgent first), done newest first.
			sql`case when ${repairCallbacks.state} = 'open' then 0 else 1 end`,
			sql`case when ${repairCallbacks.state} = 'open' then ${repairCallbacks.dueAt} end asc`,
			desc(repairCallbacks.doneAt),
			asc(repairCallbacks.id)
		)
		.limit(CALLBACK_BOARD_LIMIT + 1);
	return {
		rows: rows.slice(0, CALLBACK_BOARD_LIMIT).map((row) => ({
			...row,
			reference: repairReference(row),
			overdue: row.state === 'open' && row.dueAt < now,
			mine: row.assigneeId === actor.userId
		})),
		more: rows.length > CALLBACK_BOARD_LIMIT
	};
}

export interface EstateShares {
	estateId: string;
	estateCode: string;
	estateName: string;
	total: number;
	roles: RoleShare[];
}

/**
 * This month's callbacks per estate of the actor, by the role they are given to, against the
 * floors (director ≥ 10 %, administrator ≥ 30 %, repair lead ≥ 60 %). The month is the estate's
 * local month; a callback belongs to the month it was created in (the repair's sign-off).
 */
export async function callbackSharesThisMonth(
	actor: Actor,
	{ now = new Date(), executor = db(), estateId }: { now?: Date; executor?: Executor; estateId?: string } = {}
): Promise<(EstateShares & { month: Month })[]> {
	requireStaff(actor, 'callbacks.do');
	const list = (
		await executor
			.select({ id: estates.id, code: estates.code, name: estates.name, timeZone: estates.timeZone })
			.from(estates)
			.where(inActorEstates(actor, estates.id))
			.orderBy(asc(estates.code))
	).filter((e) => !estateId || !isUuid(estateId) || e.id === estateId);
	const result: (EstateShares & { month: Month })[] = [];
	for (const estate of list) {
		// Each estate's own month: it starts at its own local midnight.
		const month = monthBounds(localMonth(now, estate.timeZone), estate.timeZone);
		const rows = await executor
			.select({ role: repairCallbacks.assigneeRole, n: count() })
			.from(repairCallbacks)
			.where(
				and(eq(repairCallbacks.estateId, estate.id), gte(repairCallbacks.createdAt, month.from), lt(repairCallbacks.createdAt, month.to))
			)
			.groupBy(repairCallbacks.assigneeRole);
		const counts = Object.fromEntries(rows.map((r) => [r.role, Number(r.n)])) as Partial<Record<CallbackRole, number>>;
		result.push({
			estateId: estate.id,
			estateCode: estate.code,
			estateName: estate.name,
			month: localMonth(now, estate.timeZone),
			...sharesFrom(counts)
		});
	}
	return result;
}

/**
 * One callback with the repair it is about, the resident's own evaluation if any, the notices it
 * led to, and what the actor may do with it.
 */
export async function callbackDetail(actor: Actor, callbackId: string, { now = new Date(), executor = db() } = {}) {
	const { callback, timeZone } = await loadCallback(executor, actor, callbackId);
	const [order] = await executor
		.select({
			id: repairOrders.id,
			seq: repairOrders.seq,
			state: repairOrders.state,
			description: repairOrders.description,
			location: repairOrders.location,
			locationDetail: repairOrders.locationDetail,
			contactName: repairOrders.contactName,
			contactPhone: repairOrders.contactPhone,
			workSummary: repairOrders.workSummary,
			workDoneAt: repairOrders.workDoneAt,
			signedOffAt: repairOrders.signedOffAt,
			signedOffName: repairOrders.signedOffName,
			technicianId: repairOrders.technicianId,
			technicianName: technician.name,
			estateCode: estates.code,
			estateName: estates.name,
			buildingName: buildings.name,
			unitNumber: units.number,
			kind: { nameEn: repairKinds.nameEn, nameZhHans: repairKinds.nameZhHans, nameZhHant: repairKinds.nameZhHant }
		})
		.from(repairOrders)
		.innerJoin(units, eq(units.id, repairOrders.unitId))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(estates, eq(estates.id, repairOrders.estateId))
		.innerJoin(repairKinds, eq(repairKinds.id, repairOrders.kindId))
		.leftJoin(technician, eq(technician.id, repairOrders.technicianId))
		.where(eq(repairOrders.id, callback.repairId));
	if (!order) error(404, 'Not found');
	const [people, evaluation, notices] = await Promise.all([
		executor
			.select({ assigneeName: assignee.name, doneByName: doneBy.name })
			.from(repairCallbacks)
			.leftJoin(assignee, eq(assignee.id, repairCallbacks.assigneeId))
			.leftJoin(doneBy, eq(doneBy.id, repairCallbacks.doneBy))
			.where(eq(repairCallbacks.id, callback.id)),
		executor.select().from(callbackEvaluations).where(eq(callbackEvaluations.callbackId, callback.id)),
		executor
			.select({
				id: rectificationNotices.id,
				issue: rectificationNotices.issue,
				dueAt: rectificationNotices.dueAt,
				state: rectificationNotices.state,
				resolvedAt: rectificationNotices.resolvedAt,
				resolution: rectificationNotices.resolution,
				technicianName: technician.name,
				/** Null: opened by the resident's evaluation ("not fixed"), not by a callback. */
				issuedBy: rectificationNotices.issuedBy
			})
			.from(rectificationNotices)
			.leftJoin(technician, eq(technician.id, rectificationNotices.technicianId))
			.where(eq(rectificationNotices.callbackId, callback.id))
			.orderBy(asc(rectificationNotices.createdAt))
	]);
	const actions = callbackMachine.open(callback.state, callbackCapacities(actor, callback));
	const candidates = actions.includes('reassign') ? await callbackStaff(executor, callback.estateId) : [];
	const { evaluationTokenHash: _hash, ...safe } = callback;
	return {
		callback: { ...safe, overdue: callback.state === 'open' && callback.dueAt < now, ...people[0] },
		order: { ...order, reference: repairReference(order) },
		timeZone,
		evaluation: evaluation[0] ?? null,
		notices: notices.map((n) => ({ ...n, overdue: n.state === 'open' && n.dueAt < now })),
		/** What this actor may do with the callback now (the machine's answer). */
		actions,
		candidates: candidates.filter((c) => c.id !== callback.assigneeId)
	};
}

/** The drawn signature of a callback the actor may see; 404 when there is none. */
export async function callbackSignatureFile(actor: Actor | null | undefined, callbackId: string, executor: Executor = db()) {
	const { callback } = await loadCallback(executor, actor, callbackId);
	if (!callback.signatureFileId) error(404, 'Not found');
	const [file] = await executor
		.select()
		.from(files)
		.where(
			and(eq(files.id, callback.signatureFileId), eq(files.subjectType, CALLBACK_SIGNATURE_FILE_TYPE), eq(files.subjectId, callback.id))
		);
	if (!file) error(404, 'Not found');
	return file;
}
