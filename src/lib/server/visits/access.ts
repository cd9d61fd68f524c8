/**
 * Who may see a visit, and in what capacities. The party of the occupancy visited, while it holds
 * the unit (in person or through its company); the office (visits.manage) in the visit's estate;
 * and a staff member who owns one of its follow-ups, who may read it and answer that follow-up.
 * Anyone else — another unit, another company, the landlord of a let unit, a later occupant, staff
 * of another estate — gets 404, as for a visit that does not exist.
 */
import { error } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import type { Executor } from '../db/client.ts';
import { estates, visitFollowUps, visits } from '../db/schema/index.ts';
import { isUuid } from '../kernel/ids.ts';
import { actorOccupancies } from '../property/occupancy.ts';
import { staffVisitCapacities, type VisitCapacity } from './machine.ts';

export type Visit = typeof visits.$inferSelect;

export interface LoadedVisit {
	visit: Visit;
	timeZone: string;
	capacities: ReadonlySet<VisitCapacity>;
	/** The actor owns a follow-up of the visit (staff of any department). */
	ownsFollowUp: boolean;
}

async function ownsAFollowUp(executor: Executor, actor: Actor, visitId: string): Promise<boolean> {
	if (actor.kind !== 'staff') return false;
	const [row] = await executor
		.select({ id: visitFollowUps.id })
		.from(visitFollowUps)
		.where(and(eq(visitFollowUps.visitId, visitId), eq(visitFollowUps.ownerId, actor.userId)))
		.limit(1);
	return Boolean(row);
}

/** The visit with the actor's capacities, or 404 (locked for update inside a transaction that will change it). */
export async function loadVisit(
	executor: Executor,
	actor: Actor,
	visitId: string,
	{ forUpdate = false, now }: { forUpdate?: boolean; now?: Date } = {}
): Promise<LoadedVisit> {
	if (!isUuid(visitId)) error(404, 'Not found');
	const query = executor
		.select({ visit: visits, timeZone: estates.timeZone })
		.from(visits)
		.innerJoin(estates, eq(estates.id, visits.estateId))
		.where(eq(visits.id, visitId));
	const [row] = forUpdate ? await query.for('update', { of: visits }) : await query;
	if (!row) error(404, 'Not found');
	const capacities = new Set<VisitCapacity>();
	let ownsFollowUp = false;
	if (actor.kind === 'staff') {
		for (const c of staffVisitCapacities(actor, row.visit.estateId)) capacities.add(c);
		ownsFollowUp = await ownsAFollowUp(executor, actor, visitId);
	} else if (actor.kind === 'resident') {
		const held = await actorOccupancies(executor, actor, now);
		if (held.some((o) => o.id === row.visit.occupancyId)) capacities.add('party');
	}
	if (capacities.size === 0 && !ownsFollowUp) error(404, 'Not found');
	return { visit: row.visit, timeZone: row.timeZone, capacities, ownsFollowUp };
}
