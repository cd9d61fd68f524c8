/**
 * Who may see a goods release slip, and in what capacities. The resident party of the occupancy
 * whose goods they are, while it holds the unit (in person or through its company): the holder.
 * In the slip's estate, the desk (releases.issue) and the gate (releases.gate). Anyone else —
 * another unit, the landlord of a let unit, a later occupant, staff of another estate — gets 404,
 * as for a slip that does not exist.
 */
import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import type { Executor } from '../db/client.ts';
import { goodsReleaseSlips } from '../db/schema/index.ts';
import { isUuid } from '../kernel/ids.ts';
import { actorOccupancies } from '../property/occupancy.ts';
import { staffReleaseCapacities, type ReleaseCapacity } from './machine.ts';

export type ReleaseSlip = typeof goodsReleaseSlips.$inferSelect;

export interface LoadedSlip {
	slip: ReleaseSlip;
	capacities: ReadonlySet<ReleaseCapacity>;
}

/** The actor's capacities on the slip; empty: it may not see it. */
async function slipCapacities(executor: Executor, actor: Actor, slip: ReleaseSlip): Promise<Set<ReleaseCapacity>> {
	if (actor.kind === 'staff') return staffReleaseCapacities(actor, slip.estateId);
	const capacities = new Set<ReleaseCapacity>();
	if (actor.kind === 'resident' && slip.occupancyId) {
		const held = await actorOccupancies(executor, actor);
		if (held.some((o) => o.id === slip.occupancyId)) capacities.add('holder');
	}
	return capacities;
}

/** The slip with the actor's capacities, or 404 (locked for update inside a transaction that will change it). */
export async function loadSlip(
	executor: Executor,
	actor: Actor,
	slipId: string,
	{ forUpdate = false }: { forUpdate?: boolean } = {}
): Promise<LoadedSlip> {
	if (!isUuid(slipId)) error(404, 'Not found');
	const query = executor.select().from(goodsReleaseSlips).where(eq(goodsReleaseSlips.id, slipId));
	const [slip] = forUpdate ? await query.for('update') : await query;
	if (!slip) error(404, 'Not found');
	const capacities = await slipCapacities(executor, actor, slip);
	if (capacities.size === 0) error(404, 'Not found');
	return { slip, capacities };
}
