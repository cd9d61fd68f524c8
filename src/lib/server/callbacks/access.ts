import { error } from '@sveltejs/kit';
import { and, eq, inArray } from 'drizzle-orm';
import { type Actor } from '../auth/actor.ts';
import { can, canSeeEstate, inActorEstates, requireStaff } from '../auth/guards.ts';
import type { Executor } from '../db/client.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { repairCallbacks, staffRoles } from '../db/schema/index.ts';
import { staffInEstate } from '../repairs/people.ts';
import { callbackRoles, type CallbackRole } from './shares.ts';

export type RepairCallback = typeof repairCallbacks.$inferSelect;

/** Callbacks are back-office work: residents and contractors are refused whatever their roles. */
export function requireCallbacks(actor: Actor | null | undefined): asserts actor is Actor {
	requireStaff(actor, 'callbacks.do');
	if (actor.kind !== 'staff') error(403, 'Forbidden');
}

/** The office director (role manager) of the callback's estate: may reassign and complete any callback. */
export function isDirectorOf(actor: Actor, estateId: string): boolean {
	return actor.kind === 'staff' && actor.roles.has('manager') && canSeeEstate(actor, estateId);
}

/** Who may complete a callback: its assignee, or the director of the estate. */
export function mayComplete(actor: Actor, callback: Pick<RepairCallback, 'estateId' | 'assigneeId'>): boolean {
	return can(actor, 'callbacks.do') && canSeeEstate(actor, callback.estateId) && (callback.assigneeId === actor.userId || isDirectorOf(actor, callback.estateId));
}

/** Callbacks of the actor's estates, as a WHERE condition (none for admins). */
export function visibleCallbacks(actor: Actor) {
	return inActorEstates(actor, repairCallbacks.estateId);
}

/** The callback if it is in one of the actor's estates; 404 otherwise, and for a malformed id. */
export async function loadCallback(executor: Executor, actor: Actor, callbackId: string, { forUpdate = false } = {}): Promise<RepairCallback> {
	requireCallbacks(actor);
	if (!isUuid(callbackId)) error(404, 'Not found');
	const query = executor
		.select()
		.from(repairCallbacks)
		.where(and(eq(repairCallbacks.id, callbackId), visibleCallbacks(actor)));
	const [row] = forUpdate ? await query.for('update') : await query;
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
		.where(and(inArray(staffRoles.userId, people.map((p) => p.id)), inArray(staffRoles.role, [...callbackRoles])));
	return people.map((person) => ({
		...person,
		roles: callbackRoles.filter((role) => roleRows.some((r) => r.userId === person.id && r.role === role))
	}));
}
