import { error } from '@sveltejs/kit';
import { inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { requirePermission, canSeeEstate, type Actor } from '../auth/actor.ts';
import type { Permission } from '../auth/permissions.ts';

export type RegistryPermission = Extract<Permission, `registry.${string}`>;


/**
 * Registry services are for staff only: a resident or contractor is refused even if a role
 * table mistake ever granted them a registry permission.
 */
export function requireRegistry(actor: Actor | null | undefined, permission: RegistryPermission): asserts actor is Actor {
	requirePermission(actor, permission);
	if (actor.kind !== 'staff') error(403, 'Forbidden');
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

/** Where a write came from, for the audit log. */
export interface AuditContext {
	ip?: string;
}
