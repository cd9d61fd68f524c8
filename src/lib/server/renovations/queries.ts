/**
 * What the applicant side reads: its applications, and one application as its page shows it —
 * the form, the step and whose move it is, what is still missing, and the actions open to this
 * actor now (the machine decides; the page only shows them).
 */
import { desc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { requireResidentOrContractor } from '../auth/guards.ts';
import { db } from '../db/client.ts';
import { renovationApplications, renovationDocuments, units } from '../db/schema/index.ts';
import { actorOccupancies } from '../property/occupancy.ts';
import { loadApplication } from './access.ts';
import { checklist } from './checklist.ts';
import { renovationMachine, stepHolders } from './machine.ts';

/** The applications of the occupancies the resident holds today (and, for a contractor, those it joined), newest first. */
export async function myRenovations(actor: Actor) {
	requireResidentOrContractor(actor);
	const columns = {
		id: renovationApplications.id,
		seq: renovationApplications.seq,
		state: renovationApplications.state,
		unitNumber: units.number,
		updatedAt: renovationApplications.updatedAt
	};
	const held = actor.kind === 'resident' ? (await actorOccupancies(db(), actor)).map((o) => o.id) : [];
	const mine =
		actor.kind === 'contractor'
			? eq(renovationApplications.contractorUserId, actor.userId)
			: held.length
				? inArray(renovationApplications.occupancyId, held)
				: undefined;
	if (!mine) return [];
	return db()
		.select(columns)
		.from(renovationApplications)
		.innerJoin(units, eq(units.id, renovationApplications.unitId))
		.where(mine)
		.orderBy(desc(renovationApplications.updatedAt), desc(renovationApplications.id))
		.limit(100);
}

/** One application as the applicant's or the contractor's page shows it; 404 for anyone else (staff: 403, they have their own pages). */
export async function renovationPage(actor: Actor, applicationId: string) {
	requireResidentOrContractor(actor);
	const { application, capacities } = await loadApplication(db(), actor, applicationId);
	const documents = await db()
		.select({
			id: renovationDocuments.id,
			kind: renovationDocuments.kind,
			name: renovationDocuments.name,
			revision: renovationDocuments.revision
		})
		.from(renovationDocuments)
		.where(eq(renovationDocuments.applicationId, application.id));
	const [unit] = await db().select({ number: units.number }).from(units).where(eq(units.id, application.unitId));
	return {
		application,
		unitNumber: unit!.number,
		holders: stepHolders[application.state],
		checklist: checklist(application, documents),
		documents,
		actions: renovationMachine.open(application.state, capacities)
	};
}
