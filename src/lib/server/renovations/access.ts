/**
 * Who may see a renovation application, and in what capacities they act on it. The resident
 * party of the occupancy that applied, while it holds the unit (in person, or as a member of the
 * company): the applicant. The contractor who accepted the invitation onto it: the contractor. In
 * the application's estate, customer service, engineering and security by their permissions, the
 * manager for the acceptance. Anyone else — another unit, another company, the landlord of a let
 * unit, a later occupant, a contractor not invited — gets 404, as for an application that does
 * not exist.
 */
import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { can, canSeeEstate } from '../auth/guards.ts';
import type { Permission } from '../auth/permissions.ts';
import type { Executor } from '../db/client.ts';
import { renovationApplications } from '../db/schema/index.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { actorOccupancies } from '../property/occupancy.ts';
import type { RenovationCapacity } from './machine.ts';

export type RenovationApplication = typeof renovationApplications.$inferSelect;

export interface LoadedApplication {
	application: RenovationApplication;
	capacities: ReadonlySet<RenovationCapacity>;
}

/** The permission that makes a staff member act in each department's capacity. */
export const departmentPermissions = {
	desk: 'renovations.intake',
	engineering: 'renovations.engineering',
	security: 'renovations.security',
	manager: 'renovations.accept'
} as const satisfies Partial<Record<RenovationCapacity, Permission>>;

export type DepartmentCapacity = keyof typeof departmentPermissions;

/** The departments a staff member acts for on renovations in the estates it sees, by permission. */
export function departmentCapacities(actor: Actor): DepartmentCapacity[] {
	return (Object.keys(departmentPermissions) as DepartmentCapacity[]).filter((capacity) => can(actor, departmentPermissions[capacity]));
}

/** The capacities in which the actor acts on this application; empty: it may not see it. */
async function capacitiesOn(executor: Executor, actor: Actor, application: RenovationApplication): Promise<Set<RenovationCapacity>> {
	const capacities = new Set<RenovationCapacity>();
	if (actor.kind === 'resident') {
		const held = await actorOccupancies(executor, actor);
		if (held.some((o) => o.id === application.occupancyId)) capacities.add('applicant');
	} else if (actor.kind === 'contractor') {
		if (application.contractorUserId === actor.userId) capacities.add('contractor');
	} else if (actor.kind === 'staff' && canSeeEstate(actor, application.estateId) && can(actor, 'renovations.read')) {
		// Reading without a step of one's own (an admin, say) still reads.
		for (const capacity of departmentCapacities(actor)) capacities.add(capacity);
	}
	return capacities;
}

/** Whether the actor may see it at all: a capacity, or a staff member allowed to read the estate's applications. */
function maySee(actor: Actor, application: RenovationApplication, capacities: ReadonlySet<RenovationCapacity>): boolean {
	return capacities.size > 0 || (actor.kind === 'staff' && canSeeEstate(actor, application.estateId) && can(actor, 'renovations.read'));
}

/** The application with the actor's capacities, or 404 (locked for update inside a transaction that will change it). */
export async function loadApplication(
	executor: Executor,
	actor: Actor,
	applicationId: string,
	{ forUpdate = false }: { forUpdate?: boolean } = {}
): Promise<LoadedApplication> {
	if (!isUuid(applicationId)) error(404, 'Not found');
	const query = executor.select().from(renovationApplications).where(eq(renovationApplications.id, applicationId));
	const [application] = forUpdate ? await query.for('update') : await query;
	if (!application) error(404, 'Not found');
	const capacities = await capacitiesOn(executor, actor, application);
	if (!maySee(actor, application, capacities)) error(404, 'Not found');
	return { application, capacities };
}
