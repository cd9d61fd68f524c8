/**
 * Who sees which service applications. A resident: those of the occupancies it holds today (in
 * person or through its company) — not the renter's when it is the landlord, not a former
 * occupant's. Staff: those of their estates passed to a department they belong to; managers and
 * admins every department's. Everything else is a 404, a malformed id included.
 */
import { error } from '@sveltejs/kit';
import { serviceApplicationReference } from '#lib/references.ts';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { can, canSeeEstate, inActorEstates } from '../auth/guards.ts';
import type { StaffRole } from '../auth/permissions.ts';
import type { Executor } from '../db/client.ts';
import { estates, serviceApplications } from '../db/schema/index.ts';
import { isUuid } from '../kernel/ids.ts';
import { actorOccupancies } from '../property/occupancy.ts';
import type { ServiceDepartment } from '../../schemas/service-applications.ts';
import type { ServiceCapacity } from './machine.ts';

export type ServiceApplication = typeof serviceApplications.$inferSelect;

/** The staff roles that make one a member of each approving department. */
const departmentRoles: Record<ServiceDepartment, readonly StaffRole[]> = {
	customer_service: ['customer_service'],
	engineering: ['engineering', 'engineering_supervisor'],
	security: ['security'],
	finance: ['finance'],
	manager: ['manager']
};

/** Whether the actor sees every department's applications (in its estates). */
const seesAllDepartments = (actor: Actor) => actor.roles.has('manager') || actor.roles.has('admin');

/** The departments the staff actor belongs to. */
export function actorDepartments(actor: Actor): ServiceDepartment[] {
	return (Object.keys(departmentRoles) as ServiceDepartment[]).filter((d) => departmentRoles[d].some((role) => actor.roles.has(role)));
}

/** The applications the actor may see, as a WHERE condition; every query goes through it. */
export async function visibleApplications(executor: Executor, actor: Actor): Promise<SQL> {
	if (actor.kind === 'resident') {
		const held = (await actorOccupancies(executor, actor)).map((o) => o.id);
		return held.length ? inArray(serviceApplications.occupancyId, held) : sql`false`;
	}
	if (actor.kind !== 'staff' || !can(actor, 'services.read')) return sql`false`;
	const inEstates = inActorEstates(actor, serviceApplications.estateId);
	if (seesAllDepartments(actor)) return inEstates ?? sql`true`;
	const departments = actorDepartments(actor);
	if (departments.length === 0) return sql`false`;
	return and(inEstates, inArray(serviceApplications.department, departments))!;
}

function capacitiesOn(actor: Actor, application: ServiceApplication): Set<ServiceCapacity> {
	const capacities = new Set<ServiceCapacity>();
	// A resident who sees it at all sees it as the occupancy that filed it (visibleApplications).
	if (actor.kind === 'resident') return capacities.add('applicant');
	if (actor.kind !== 'staff' || !canSeeEstate(actor, application.estateId) || !can(actor, 'services.decide')) return capacities;
	if (actor.roles.has('manager') || actorDepartments(actor).includes(application.department)) capacities.add('approver');
	return capacities;
}

export interface LoadedApplication {
	application: ServiceApplication;
	timeZone: string;
	capacities: Set<ServiceCapacity>;
}

/** The application if the actor may see it, else 404; `forUpdate` locks it for a transition. */
export async function loadApplication(
	executor: Executor,
	actor: Actor,
	id: string,
	{ forUpdate = false }: { forUpdate?: boolean } = {}
): Promise<LoadedApplication> {
	if (!isUuid(id)) error(404, 'Not found');
	const query = executor
		.select({ application: serviceApplications, timeZone: estates.timeZone })
		.from(serviceApplications)
		.innerJoin(estates, eq(estates.id, serviceApplications.estateId))
		.where(and(eq(serviceApplications.id, id), await visibleApplications(executor, actor)));
	const [row] = forUpdate ? await query.for('update', { of: serviceApplications }) : await query;
	if (!row) error(404, 'Not found');
	return { ...row, capacities: capacitiesOn(actor, row.application) };
}

/** How people quote an application: A000123 (lib/references.ts). */
export function serviceReference(application: Pick<ServiceApplication, 'seq'>): string {
	return serviceApplicationReference(application.seq);
}
