/** Where a found record is, and which staff page of its unit the actor may open. */
import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { mayOpenStaffRoute } from '../auth/staff-routes.ts';
import { buildings, estates, units } from '../db/schema/index.ts';

/** The columns every finder selects to say where a record is. */
export const placeColumns = {
	unitId: units.id,
	unitNumber: units.number,
	buildingName: buildings.name,
	estateCode: estates.code
};

export const placeJoins = {
	building: eq(buildings.id, units.buildingId),
	estate: eq(estates.id, units.estateId)
};

export function placeText(row: { estateCode: string; buildingName: string; unitNumber: string }): string {
	return `${row.estateCode} · ${row.buildingName} · ${row.unitNumber}`;
}

/**
 * The unit's page the actor may open: the registry's, else the unit's account (finance works from
 * accounts, not from the occupant registry); null when neither.
 */
export function unitPageOf(actor: Actor): ((unitId: string) => string) | null {
	if (mayOpenStaffRoute(actor, '/staff/registry/units/[id]')) return (id) => `/staff/registry/units/${id}`;
	if (mayOpenStaffRoute(actor, '/staff/fees/units/[unitId]')) return (id) => `/staff/fees/units/${id}`;
	return null;
}

/** The unit's account (bills, receipts), for those who may read accounts. */
export function accountPageOf(actor: Actor): ((unitId: string) => string) | null {
	return mayOpenStaffRoute(actor, '/staff/fees/units/[unitId]') ? (id) => `/staff/fees/units/${id}` : null;
}

/** The registry's unit page only: household members are seen there and nowhere else. */
export function registryPageOf(actor: Actor): ((unitId: string) => string) | null {
	return mayOpenStaffRoute(actor, '/staff/registry/units/[id]') ? (id) => `/staff/registry/units/${id}` : null;
}
