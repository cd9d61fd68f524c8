import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { staffEstates, staffRoles, users } from '../db/schema/index.ts';
import type { StaffRole } from '../auth/permissions.ts';

export interface StaffChoice {
	id: string;
	name: string;
}

/**
 * Active staff holding any of the roles who work in the estate (admins count for every
 * estate, as loadActor treats them). Used for notifying the desk, choosing technicians and
 * hand-over targets.
 */
export async function staffInEstate(executor: Executor, estateId: string, roles: readonly StaffRole[]): Promise<StaffChoice[]> {
	const inEstate = or(
		sql`exists (select 1 from ${staffEstates} where ${staffEstates.userId} = ${users.id} and ${staffEstates.estateId} = ${estateId})`,
		sql`exists (select 1 from ${staffRoles} r where r.user_id = ${users.id} and r.role = 'admin')`
	);
	return executor
		.selectDistinct({ id: users.id, name: users.name })
		.from(users)
		.innerJoin(staffRoles, eq(staffRoles.userId, users.id))
		.where(and(eq(users.kind, 'staff'), eq(users.disabled, false), inArray(staffRoles.role, [...roles]), inEstate))
		.orderBy(asc(users.name), asc(users.id));
}

/** Whether the user is an active staff member with one of the roles in the estate. */
export async function isStaffInEstate(executor: Executor, userId: string, estateId: string, roles: readonly StaffRole[]) {
	const found = await staffInEstate(executor, estateId, roles);
	return found.some((s) => s.id === userId);
}

export async function userName(executor: Executor, userId: string | null): Promise<string | null> {
	if (!userId) return null;
	const [row] = await executor.select({ name: users.name }).from(users).where(eq(users.id, userId));
	return row?.name ?? null;
}
