import { error } from '@sveltejs/kit';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { type Actor } from '../auth/actor.ts';
import { can, canSeeEstate, inActorEstates } from '../auth/guards.ts';
import { inList, type Executor } from '../db/client.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { estates, repairOrders, repairQuotes, repairRatings } from '../db/schema/index.ts';
import { actorOccupancies } from '../property/occupancy.ts';
import type { RepairCapacity, RepairFacts, RepairOnRecord } from './machine.ts';
import { quoteInPlayStates } from './quote-machine.ts';

export type RepairOrder = typeof repairOrders.$inferSelect;

/**
 * The orders an actor may see, as a WHERE condition. A resident sees the orders of the
 * occupancies it holds today (in person or through its company): not the renter's orders when it
 * is the landlord, not those filed before its occupancy began. The desk, supervisors and admins
 * see every order of their estates; a technician without either only the orders assigned to
 * them. Every repair query goes through this.
 */
export async function visibleRepairs(executor: Executor, actor: Actor): Promise<SQL> {
	if (actor.kind === 'resident') {
		const held = await residentRepairScope(executor, actor);
		return held.length ? inArray(repairOrders.occupancyId, held) : sql`false`;
	}
	if (actor.kind !== 'staff') return sql`false`;
	const mine = eq(repairOrders.technicianId, actor.userId);
	const wholeEstate = can(actor, ['repairs.intake', 'repairs.supervise']) || actor.roles.has('admin');
	const inEstates = inActorEstates(actor, repairOrders.estateId);
	if (wholeEstate) return inEstates ?? sql`true`;
	return inEstates ? and(inEstates, mine)! : mine;
}

/** The occupancies whose orders a resident sees (visibleRepairs): those it holds today. */
export async function residentRepairScope(executor: Executor, actor: Actor): Promise<string[]> {
	return (await actorOccupancies(executor, actor)).map((o) => o.id);
}

/**
 * visibleRepairs' resident condition for a prepared statement (db/client.ts inList): the ids of
 * residentRepairScope go in as its placeholders `held0`… (listValues('held', …)).
 */
export const ofResidentScope = (length: number) => inList(repairOrders.occupancyId, 'held', length);

/** The capacities in which the actor acts on an order it may see (empty: may only look). */
function capacitiesOn(actor: Actor, order: Pick<RepairOrder, 'estateId' | 'technicianId'>): Set<RepairCapacity> {
	const capacities = new Set<RepairCapacity>();
	// A resident who can see the order at all sees it as the party it belongs to (visibleRepairs).
	if (actor.kind === 'resident') return capacities.add('resident');
	if (actor.kind !== 'staff' || !canSeeEstate(actor, order.estateId)) return capacities;
	if (can(actor, 'repairs.intake')) capacities.add('desk');
	if (can(actor, 'repairs.supervise')) capacities.add('supervisor');
	if (can(actor, 'repairs.work') && order.technicianId === actor.userId) capacities.add('technician');
	return capacities;
}

export interface LoadedRepair extends RepairOnRecord {
	order: RepairOrder;
	/** The estate's time zone: every time of the order is read and shown in it. */
	timeZone: string;
}

/**
 * The order if the actor may see it, else 404 — the same answer for another party's order, an
 * order of another estate and a malformed id — with what the machine needs to decide what is
 * open. `forUpdate` locks the row for a transition.
 */
export async function loadRepair(
	executor: Executor,
	actor: Actor,
	repairId: string,
	{ forUpdate = false }: { forUpdate?: boolean } = {}
): Promise<LoadedRepair> {
	if (!isUuid(repairId)) error(404, 'Not found');
	const query = selectLoaded(executor).where(and(eq(repairOrders.id, repairId), await visibleRepairs(executor, actor)));
	const [row] = forUpdate ? await query.for('update', { of: repairOrders }) : await query;
	if (!row) error(404, 'Not found');
	return loaded(row, capacitiesOn(actor, row.order));
}

/** The select loadRepair reads: the order, its estate's zone and the facts the machine needs. */
function selectLoaded(executor: Executor) {
	return executor
		.select({
			order: repairOrders,
			timeZone: estates.timeZone,
			rated: sql<boolean>`exists (select 1 from ${repairRatings} where ${repairRatings.repairId} = ${repairOrders.id})`,
			quoteInPlay: sql<boolean>`exists (select 1 from ${repairQuotes} where ${repairQuotes.repairId} = ${repairOrders.id} and ${inArray(repairQuotes.state, [...quoteInPlayStates])})`
		})
		.from(repairOrders)
		.innerJoin(estates, eq(estates.id, repairOrders.estateId));
}

function loaded(
	row: { order: RepairOrder; timeZone: string; rated: boolean; quoteInPlay: boolean },
	capacities: Set<RepairCapacity>
): LoadedRepair {
	const { order } = row;
	const facts: RepairFacts = {
		ownerId: order.ownerId,
		technicianReceivedAt: order.technicianReceivedAt,
		quoteInPlay: Boolean(row.quoteInPlay),
		rated: Boolean(row.rated),
		verified: order.verified,
		timeProposed: order.appointmentAgreement === 'proposed' && order.state === 'scheduled'
	};
	return { order, timeZone: row.timeZone, state: order.state, facts, capacities };
}

/**
 * The order locked for an action of the system (the deadline sweep), in capacity 'system' only —
 * no person's scope applies. Null when there is no such order.
 */
export async function loadRepairForSystem(executor: Executor, repairId: string): Promise<LoadedRepair | null> {
	if (!isUuid(repairId)) return null;
	const [row] = await selectLoaded(executor).where(eq(repairOrders.id, repairId)).for('update', { of: repairOrders });
	return row ? loaded(row, new Set<RepairCapacity>(['system'])) : null;
}
