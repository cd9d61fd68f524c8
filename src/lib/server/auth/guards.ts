/**
 * Who may do what: the one entry point every service and route calls. Permissions come from the
 * role table (permissions.ts); estates from the staff member's assignments. A refusal is 401
 * without a session, 403 for a missing permission or the wrong kind of account, and 404 for a
 * record outside the actor's estates or units (services answer that: the record "does not exist").
 */
import { error } from '@sveltejs/kit';
import { inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Actor } from './actor.ts';
import { rolesGrant, type Permission } from './permissions.ts';

/** Whether the actor's roles grant the permission (any one of several). */
export function can(actor: Actor | null | undefined, permission: Permission | readonly Permission[]): boolean {
	if (!actor) return false;
	const anyOf: readonly Permission[] = typeof permission === 'string' ? [permission] : permission;
	return anyOf.some((p) => rolesGrant(actor.roles, p));
}

/** Staff may act only within their estates (admins everywhere). */
export function canSeeEstate(actor: Actor, estateId: string): boolean {
	return actor.estateIds === null || actor.estateIds.includes(estateId);
}

export function requireSignedIn(actor: Actor | null | undefined): asserts actor is Actor {
	if (!actor) error(401, 'Sign in first');
}

/** A staff member holding the permission (or any one of several). */
export function requireStaff(actor: Actor | null | undefined, permission: Permission | readonly Permission[]): asserts actor is Actor {
	requireSignedIn(actor);
	if (actor.kind !== 'staff' || !can(actor, permission)) error(403, 'Forbidden');
}

/** A resident account (a person, or a member acting for its company). */
export function requireResident(actor: Actor | null | undefined): asserts actor is Actor {
	requireSignedIn(actor);
	if (actor.kind !== 'resident') error(403, 'Forbidden');
}

/** The applicant side of a case: a resident, or a contractor invited onto it (staff work from their own pages). */
export function requireResidentOrContractor(actor: Actor | null | undefined): asserts actor is Actor {
	requireSignedIn(actor);
	if (actor.kind !== 'resident' && actor.kind !== 'contractor') error(403, 'Forbidden');
}

/** A resident holding a resident-side permission, such as inviting members of its company. */
export function requireResidentPermission(actor: Actor | null | undefined, permission: Permission): asserts actor is Actor {
	requireResident(actor);
	if (!can(actor, permission)) error(403, 'Forbidden');
}

/** The condition that keeps a query inside the actor's estates (none for admins). */
export function inActorEstates(actor: Actor, estateColumn: AnyColumn): SQL | undefined {
	if (actor.estateIds === null) return undefined;
	if (actor.estateIds.length === 0) return sql`false`;
	return inArray(estateColumn, [...actor.estateIds]);
}

/** A record in an estate the actor does not work for is reported exactly like a missing one. */
export function requireEstate(actor: Actor, estateId: string | null | undefined): asserts estateId is string {
	if (!estateId || !canSeeEstate(actor, estateId)) error(404, 'Not found');
}
