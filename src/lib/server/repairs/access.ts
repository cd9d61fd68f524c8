import { error } from '@sveltejs/kit';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { type Actor } from '../auth/actor.ts';
import { can, canSeeEstate, inActorEstates } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { repairOrders } from '../db/schema/index.ts';
import { actorUnitIds } from '../residents/units.ts';
import { nextState, type RepairAction, type RepairCapacity, type RepairState } from './machine.ts';
import { RepairStateError } from './errors.ts';

export type RepairOrder = typeof repairOrders.$inferSelect;

/**
 * The orders an actor may see, as a WHERE condition: residents the orders of units they hold
 * today; the desk, supervisors and admins every order of their estates; a technician without
 * either only the orders assigned to them. Every repair query goes through this.
 */
export async function visibleRepairs(actor: Actor, executor: Executor = db()): Promise<SQL> {
	if (actor.kind === 'resident') return inArray(repairOrders.unitId, await actorUnitIds(actor, executor));
	if (actor.kind !== 'staff') return sql`false`;
	const mine = eq(repairOrders.technicianId, actor.userId);
	const wholeEstate = can(actor, 'repairs.intake') || can(actor, 'repairs.supervise') || actor.roles.has('admin');
	const estates = inActorEstates(actor, repairOrders.estateId);
	if (wholeEstate) return estates ?? sql`true`;
	return estates ? and(estates, mine)! : mine;
}

/** The capacities in which the actor acts on this order (empty: may only look, or not even). */
export function capacitiesOn(actor: Actor, order: Pick<RepairOrder, 'estateId' | 'technicianId'>, isResident: boolean) {
	const capacities = new Set<RepairCapacity>();
	if (actor.kind === 'resident') {
		if (isResident) capacities.add('resident');
		return capacities;
	}
	if (actor.kind !== 'staff' || !canSeeEstate(actor, order.estateId)) return capacities;
	if (can(actor, 'repairs.intake')) capacities.add('desk');
	if (can(actor, 'repairs.supervise')) capacities.add('supervisor');
	if (can(actor, 'repairs.work') && order.technicianId === actor.userId) capacities.add('technician');
	return capacities;
}

export interface LoadedRepair {
	order: RepairOrder;
	capacities: ReadonlySet<RepairCapacity>;
}

/**
 * The order if the actor may see it, else 404 — the same answer for another unit's order, an
 * order of another estate and a malformed id. `forUpdate` locks the row for the transition.
 */
export async function loadRepair(
	executor: Executor,
	actor: Actor,
	repairId: string,
	{ forUpdate = false }: { forUpdate?: boolean } = {}
): Promise<LoadedRepair> {
	if (!isUuid(repairId)) error(404, 'Not found');
	const query = executor
		.select()
		.from(repairOrders)
		.where(and(eq(repairOrders.id, repairId), await visibleRepairs(actor, executor)));
	const [order] = forUpdate ? await query.for('update') : await query;
	if (!order) error(404, 'Not found');
	return { order, capacities: capacitiesOn(actor, order, actor.kind === 'resident') };
}

/**
 * The state the action leads to. Refusals distinguish "never yours to do" (403) from "no longer
 * possible" (the order moved on: a message the user can act on).
 */
export function takeTransition(loaded: LoadedRepair, action: RepairAction): RepairState {
	const next = nextState(loaded.order.state, action, loaded.capacities);
	if (next) return next;
	const anyState = nextStateInAnyState(action, loaded.capacities);
	if (!anyState) error(403, 'Forbidden');
	throw new RepairStateError();
}

function nextStateInAnyState(action: RepairAction, capacities: ReadonlySet<RepairCapacity>): boolean {
	const states: RepairState[] = ['received', 'assigned', 'scheduled', 'in_progress', 'awaiting_signoff', 'done', 'cancelled'];
	return states.some((state) => nextState(state, action, capacities) !== null);
}

