import { error } from '@sveltejs/kit';
import { and, eq, inArray } from 'drizzle-orm';
import { type Actor } from '../auth/actor.ts';
import { can, canSeeEstate, inActorEstates, requireStaff } from '../auth/guards.ts';
import type { Executor } from '../db/client.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { estates, repairCallbacks, staffRoles } from '../db/schema/index.ts';
import { staffInEstate } from '../repairs/people.ts';
import type { CallbackCapacity, RectificationCapacity } from './machine.ts';
import { callbackRoles, type CallbackRole } from './shares.ts';

export type RepairCallback = typeof repairCallbacks.$inferSelect;

/**
 * In what capacity a staff member (callers check that) acts on a callback: its assignee, or
 * the office director (role manager) of the estate, who may reassign and complete any callback.
 */
export function callbackCapacities(actor: Actor, callback: Pick<RepairCallback, 'estateId' | 'assigneeId'>): Set<CallbackCapacity> {
	const capacities = new Set<CallbackCapacity>();
	if (!canSeeEstate(actor, callback.estateId)) return capacities;
	if (actor.roles.has('manager')) capacities.add('director');
	if (can(actor, 'callbacks.do') && callback.assigneeId === actor.userId) capacities.add('assignee');
	return capacities;
}

/** The technician a notice is addressed to, or a repair lead of the estate. */
export function rectificationCapacities(
	actor: Actor,
	notice: { technicianId: string | null; estateId: string }
): Set<RectificationCapacity> {
	const capacities = new Set<RectificationCapacity>();
	if (!canSeeEstate(actor, notice.estateId)) return capacities;
	if (notice.technicianId === actor.userId) capacities.add('technician');
	if (can(actor, 'repairs.supervise')) capacities.add('supervisor');
	return capacities;
}

/** Callbacks of the actor's estates, as a WHERE condition (none for admins). */
export function visibleCallbacks(actor: Actor) {
	return inActorEstates(actor, repairCallbacks.estateId);
}

/**
 * The callback if it is in one of the actor's estates, with the estate's time zone; 404
 * otherwise, and for a malformed id.
 */
export async function loadCallback(
	executor: Executor,
	actor: Actor | null | undefined,
	callbackId: string,
	{ forUpdate = false } = {}
): Promise<{ callback: RepairCallback; timeZone: string }> {
	requireStaff(actor, 'callbacks.do');
	if (!isUuid(callbackId)) error(404, 'Not found');
	const query = executor
		.select({ callback: repairCallbacks, timeZone: estates.timeZone })
		.from(repairCallbacks)
		.innerJoin(estates, eq(estates.id, repairCallbacks.estateId))
		.where(and(eq(repairCallbacks.id, callbackId), visibleCallbacks(actor)));
	const [row] = forUpdate ? await query.for('update', { of: repairCallbacks }) : await query;
	if (!row) error(404, 'Not found');
	return row;
}

export interface CallbackPerson {
	id: string;
	name: string;
	/** The callback roles this person holds (director, administrator, repair lead). */
	roles: CallbackRole[];
}

/** Everyone of the estate who may be given callbacks, with the callback roles each holds. */
export async function callbackStaff(executor: Executor, estateId: string): Promise<CallbackPerson[]> {
	const people = await staffInEstate(executor, estateId, callbackRoles);
	if (people.length === 0) return [];
	const roleRows = await executor
		.select({ userId: staffRoles.userId, role: staffRoles.role })
		.from(staffRoles)
		.where(
			and(
				inArray(
					staffRoles.userId,
					people.map((p) => p.id)
				),
				inArray(staffRoles.role, [...callbackRoles])
			)
		);
	return people.map((person) => ({
		...person,
		roles: callbackRoles.filter((role) => roleRows.some((r) => r.userId === person.id && r.role === role))
	}));
}
