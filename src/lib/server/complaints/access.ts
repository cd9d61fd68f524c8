import { error } from '@sveltejs/kit';
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { can, canSeeEstate, inActorEstates } from '../auth/guards.ts';
import type { StaffRole } from '../auth/permissions.ts';
import type { Executor } from '../db/client.ts';
import { complaints, estates } from '../db/schema/index.ts';
import { isUuid } from '../kernel/ids.ts';
import { actorOccupancies } from '../property/occupancy.ts';
import type { ComplaintDepartment } from '#lib/schemas/complaints.ts';
import type { ComplaintCapacity, ComplaintFacts, ComplaintOnRecord } from './machine.ts';

export type Complaint = typeof complaints.$inferSelect;

/** The department each staff role works in: whom a complaint passed to a department reaches. */
export const departmentRoles: Record<ComplaintDepartment, readonly StaffRole[]> = {
	customer_service: ['customer_service'],
	engineering: ['engineering', 'engineering_supervisor'],
	security: ['security'],
	finance: ['finance'],
	management: ['manager']
};

/** The departments the actor works in, by its roles. */
function actorDepartments(actor: Actor): ComplaintDepartment[] {
	return (Object.keys(departmentRoles) as ComplaintDepartment[]).filter((d) => departmentRoles[d].some((r) => actor.roles.has(r)));
}

/**
 * The complaints an actor may see, as a WHERE condition. A resident sees those of the occupancies
 * it holds today (not the renter's when it is the landlord, not a former occupant's); the desk and
 * managers (complaints.read) every complaint of their estates; other staff those passed to their
 * department or to them. Every complaint query goes through this.
 */
export async function visibleComplaints(executor: Executor, actor: Actor): Promise<SQL> {
	if (actor.kind === 'resident') {
		const held = (await actorOccupancies(executor, actor)).map((o) => o.id);
		return held.length ? inArray(complaints.occupancyId, held) : sql`false`;
	}
	if (actor.kind !== 'staff') return sql`false`;
	const inEstates = inActorEstates(actor, complaints.estateId);
	if (can(actor, 'complaints.read') || actor.roles.has('admin')) return inEstates ?? sql`true`;
	if (!can(actor, 'complaints.resolve')) return sql`false`;
	const departments = actorDepartments(actor);
	const mine = or(
		eq(complaints.responsibleId, actor.userId),
		departments.length ? inArray(complaints.department, departments) : undefined
	)!;
	return inEstates ? and(inEstates, mine)! : mine;
}

function capacitiesOn(actor: Actor, complaint: Pick<Complaint, 'estateId' | 'responsibleId' | 'department'>): Set<ComplaintCapacity> {
	const capacities = new Set<ComplaintCapacity>();
	// A resident who can see the complaint at all is the party it belongs to (visibleComplaints).
	if (actor.kind === 'resident') return capacities.add('complainant');
	if (actor.kind !== 'staff' || !canSeeEstate(actor, complaint.estateId)) return capacities;
	if (can(actor, 'complaints.intake')) capacities.add('desk');
	if (can(actor, 'complaints.direct')) capacities.add('manager');
	const ownDepartment = complaint.department !== null && actorDepartments(actor).includes(complaint.department);
	if (can(actor, 'complaints.resolve') && (complaint.responsibleId === actor.userId || ownDepartment)) capacities.add('responsible');
	return capacities;
}

export function complaintFacts(complaint: Complaint): ComplaintFacts {
	return {
		ownerId: complaint.ownerId,
		serious: complaint.severity === 'serious',
		calledBack: complaint.callbackAt !== null,
		satisfactionAnswered: complaint.satisfactionAt !== null,
		verified: complaint.verified
	};
}

export interface LoadedComplaint extends ComplaintOnRecord {
	complaint: Complaint;
	/** The estate's time zone: every time of the complaint is read and shown in it. */
	timeZone: string;
}

/**
 * The complaint if the actor may see it, else 404 — the same answer for another party's complaint,
 * another estate's and a malformed id. `forUpdate` locks the row for a transition.
 */
export async function loadComplaint(
	executor: Executor,
	actor: Actor,
	complaintId: string,
	{ forUpdate = false }: { forUpdate?: boolean } = {}
): Promise<LoadedComplaint> {
	if (!isUuid(complaintId)) error(404, 'Not found');
	const query = executor
		.select({ complaint: complaints, timeZone: estates.timeZone })
		.from(complaints)
		.innerJoin(estates, eq(estates.id, complaints.estateId))
		.where(and(eq(complaints.id, complaintId), await visibleComplaints(executor, actor)));
	const [row] = forUpdate ? await query.for('update', { of: complaints }) : await query;
	if (!row) error(404, 'Not found');
	const { complaint } = row;
	return {
		complaint,
		timeZone: row.timeZone,
		state: complaint.state,
		facts: complaintFacts(complaint),
		capacities: capacitiesOn(actor, complaint)
	};
}
