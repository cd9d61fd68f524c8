/**
 * The lists of slips: the resident's for one unit (its own occupancy's only), the desk's queue,
 * the gate's day. Each is scoped by the actor — occupancies for residents, estates for staff —
 * and "today" is each estate's own (property/occupancy.ts).
 */
import { and, asc, desc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { error } from '@sveltejs/kit';
import { releaseReference } from '#lib/references.ts';
import { businessToday } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { inActorEstates, requireResident, requireStaff } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { buildings, estates, goodsReleaseSlips, units, users } from '../db/schema/index.ts';
import { isUuid } from '../kernel/ids.ts';
import { actorOccupancies, estateTodays, todayInEstateSql } from '../property/occupancy.ts';
import type { ReleaseSlip } from './access.ts';
import { releaseMachine, staffReleaseCapacities, type ReleaseAction } from './machine.ts';
import { slipStatus, type SlipStatus } from './status.ts';

export interface SlipRow {
	id: string;
	number: string;
	unitId: string;
	/** "Block A 12A". */
	unit: string;
	validOn: string;
	items: ReleaseSlip['items'];
	source: ReleaseSlip['source'];
	vehiclePlate: string;
	carrier: string;
	status: SlipStatus;
	reason: string;
	requestedAt: Date;
	requestedByName: string | null;
	releasedAt: Date | null;
	releasedByName: string | null;
	timeZone: string;
	/** What the reader may do with it now (the machine's open actions). */
	actions: ReleaseAction[];
}

const requester = alias(users, 'requester');
const releaser = alias(users, 'releaser');

/** Slips with their unit and estate; `names: false` leaves out who asked and who released (the staff home's glance). */
function slipQuery(executor: Executor, where: SQL | undefined, { names = true } = {}) {
	const query = executor
		.select({
			slip: goodsReleaseSlips,
			building: buildings.name,
			unitNumber: units.number,
			timeZone: estates.timeZone,
			requestedByName: names ? sql<string | null>`${requester.name}` : sql<string | null>`null`,
			releasedByName: names ? sql<string | null>`${releaser.name}` : sql<string | null>`null`
		})
		.from(goodsReleaseSlips)
		.innerJoin(units, eq(units.id, goodsReleaseSlips.unitId))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(estates, eq(estates.id, goodsReleaseSlips.estateId))
		.$dynamic();
	const named = names
		? query
				.leftJoin(requester, eq(requester.id, goodsReleaseSlips.requestedBy))
				.leftJoin(releaser, eq(releaser.id, goodsReleaseSlips.releasedBy))
		: query;
	return named.where(where);
}

type Row = Awaited<ReturnType<typeof slipQuery>>[number];

function slipRow(row: Row, now: Date, actions: (slip: ReleaseSlip) => ReleaseAction[]): SlipRow {
	const { slip } = row;
	return {
		id: slip.id,
		number: releaseReference(slip.seq),
		unitId: slip.unitId,
		unit: `${row.building} ${row.unitNumber}`,
		validOn: slip.validOn,
		items: slip.items,
		source: slip.source,
		vehiclePlate: slip.vehiclePlate,
		carrier: slip.carrier,
		status: slipStatus(slip, businessToday(row, now)),
		reason: slip.reason,
		requestedAt: slip.requestedAt,
		requestedByName: row.requestedByName,
		releasedAt: slip.releasedAt,
		releasedByName: row.releasedByName,
		timeZone: row.timeZone,
		actions: actions(slip)
	};
}

export interface ResidentSlip extends SlipRow {
	/** What the QR code carries, for a slip the gate may still release (issued, today or later). */
	token: string | null;
}

/** The resident's slips for one unit it holds (its own occupancy's, newest first); 404 for a unit it does not hold. */
export async function unitSlips(actor: Actor, unitId: string, now = new Date()): Promise<ResidentSlip[]> {
	requireResident(actor);
	if (!isUuid(unitId)) error(404, 'Not found');
	const held = (await actorOccupancies(db(), actor)).filter((o) => o.unitId === unitId);
	if (held.length === 0) error(404, 'Not found');
	const rows = await slipQuery(
		db(),
		and(
			eq(goodsReleaseSlips.unitId, unitId),
			inArray(
				goodsReleaseSlips.occupancyId,
				held.map((o) => o.id)
			)
		)
	)
		.orderBy(desc(goodsReleaseSlips.validOn), desc(goodsReleaseSlips.seq))
		.limit(50);
	const holder = new Set(['holder'] as const);
	return rows.map((row) => {
		const slip = slipRow(row, now, (s) => releaseMachine.open(s.state, holder).filter((a) => a === 'cancel'));
		const showQr = slip.status === 'issued' || slip.status === 'not_yet';
		return { ...slip, token: showQr ? row.slip.token : null };
	});
}

/** The actions the desk may take on a slip. */
const deskActions = (actor: Actor) => (slip: ReleaseSlip) => releaseMachine.open(slip.state, staffReleaseCapacities(actor, slip.estateId));

/** Residents' requests waiting in the actor's estates, the day soonest first. */
function requestedQuery(executor: Executor, actor: Actor, names = true) {
	return slipQuery(executor, and(inActorEstates(actor, goodsReleaseSlips.estateId), eq(goodsReleaseSlips.state, 'requested')), { names })
		.orderBy(asc(goodsReleaseSlips.validOn), asc(goodsReleaseSlips.seq))
		.limit(200);
}

/** The desk's queue: requests waiting in the actor's estates (oldest first), and issued slips from today on. */
export async function deskQueue(actor: Actor, { now = new Date(), executor = db() }: { now?: Date; executor?: Executor } = {}) {
	requireStaff(actor, 'releases.issue');
	const scope = inActorEstates(actor, goodsReleaseSlips.estateId);
	const todays = await estateTodays(executor, now);
	const actions = deskActions(actor);
	const [requested, issued] = await Promise.all([
		requestedQuery(executor, actor),
		slipQuery(
			executor,
			and(
				scope,
				eq(goodsReleaseSlips.state, 'issued'),
				gte(goodsReleaseSlips.validOn, sql`${todayInEstateSql(sql`${goodsReleaseSlips.estateId}`, todays)}`)
			)
		)
			.orderBy(asc(goodsReleaseSlips.validOn), asc(goodsReleaseSlips.seq))
			.limit(200)
	]);
	return { requested: requested.map((r) => slipRow(r, now, actions)), issued: issued.map((r) => slipRow(r, now, actions)) };
}

/** The gate's day in the actor's estates: slips to check today (issued) and the goods released today. */
export async function gateDay(actor: Actor, { now = new Date(), executor = db(), limit = 200 } = {}) {
	requireStaff(actor, 'releases.gate');
	const scope = inActorEstates(actor, goodsReleaseSlips.estateId);
	const todays = await estateTodays(executor, now);
	const today = sql`${todayInEstateSql(sql`${goodsReleaseSlips.estateId}`, todays)}`;
	const none = () => [];
	const [toCheck, released] = await Promise.all([
		slipQuery(executor, and(scope, eq(goodsReleaseSlips.state, 'issued'), eq(goodsReleaseSlips.validOn, today)))
			.orderBy(asc(goodsReleaseSlips.seq))
			.limit(limit),
		slipQuery(executor, and(scope, eq(goodsReleaseSlips.state, 'released'), eq(goodsReleaseSlips.validOn, today)))
			.orderBy(desc(goodsReleaseSlips.releasedAt))
			.limit(limit)
	]);
	// The guard opens each by its QR code's link, as if scanned.
	const withToken = (r: Row) => ({ ...slipRow(r, now, none), token: r.slip.token });
	return { toCheck: toCheck.map(withToken), released: released.map(withToken) };
}

/** How many requests wait for the desk in the actor's estates, with the first few (the staff home). */
export async function requestedGlance(actor: Actor, { now = new Date(), executor = db(), limit = 5 } = {}) {
	requireStaff(actor, 'releases.issue');
	// One statement: the home needs the requests only, not the issued slips the queue page lists too.
	const requested = (await requestedQuery(executor, actor, false)).map((r) => slipRow(r, now, deskActions(actor)));
	return { count: requested.length, rows: requested.slice(0, limit) };
}
