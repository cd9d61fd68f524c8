/** What the service-application pages read, always through the actor's scope (access.ts). Loads never write. */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { requireResident, requireStaff } from '../auth/guards.ts';
import { db } from '../db/client.ts';
import { bills, buildings, estates, serviceApplicationKinds, serviceApplications, units, users } from '../db/schema/index.ts';
import { listEventsWithActors } from '../events/service.ts';
import type { ServiceDepartment } from '../../schemas/service-applications.ts';
import { actorDepartments, loadApplication, serviceReference, visibleApplications } from './access.ts';
import { serviceApplicationMachine, serviceApplicationStates, type ServiceApplicationState } from './machine.ts';
import { serviceFee, type ServiceFee } from './service.ts';
import { InputError } from '../kernel/input-error.ts';

const QUEUE_LIMIT = 200;

function listColumns() {
	return {
		id: serviceApplications.id,
		seq: serviceApplications.seq,
		state: serviceApplications.state,
		department: serviceApplications.department,
		requestedFor: serviceApplications.requestedFor,
		createdAt: serviceApplications.createdAt,
		unitId: serviceApplications.unitId,
		unitNumber: units.number,
		buildingName: buildings.name,
		estateId: serviceApplications.estateId,
		estateName: estates.name,
		timeZone: estates.timeZone,
		kind: {
			code: serviceApplicationKinds.code,
			nameEn: serviceApplicationKinds.nameEn,
			nameZhHans: serviceApplicationKinds.nameZhHans,
			nameZhHant: serviceApplicationKinds.nameZhHant
		}
	};
}

function listFrom() {
	return db()
		.select(listColumns())
		.from(serviceApplications)
		.innerJoin(serviceApplicationKinds, eq(serviceApplicationKinds.id, serviceApplications.kindId))
		.innerJoin(units, eq(units.id, serviceApplications.unitId))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(estates, eq(estates.id, serviceApplications.estateId))
		.$dynamic();
}

const withReference = <T extends { seq: number }>(rows: T[]) => rows.map((r) => ({ ...r, reference: serviceReference(r) }));

/** The resident's applications (those of the occupancies it holds today), newest first. */
export async function listMyApplications(actor: Actor) {
	requireResident(actor);
	const rows = await listFrom()
		.where(await visibleApplications(db(), actor))
		.orderBy(desc(serviceApplications.createdAt), desc(serviceApplications.id))
		.limit(QUEUE_LIMIT);
	return withReference(rows);
}

export interface QueueFilters {
	estateId?: string;
	department?: ServiceDepartment;
	state?: ServiceApplicationState;
}

/** The staff queue: the actor's estates and departments, filtered; waiting ones first by default. */
export async function applicationQueue(actor: Actor, filters: QueueFilters) {
	requireStaff(actor, 'services.read');
	const rows = await listFrom()
		.where(
			and(
				await visibleApplications(db(), actor),
				filters.estateId ? eq(serviceApplications.estateId, filters.estateId) : undefined,
				filters.department ? eq(serviceApplications.department, filters.department) : undefined,
				filters.state ? eq(serviceApplications.state, filters.state) : inArray(serviceApplications.state, ['submitted', 'approved'])
			)
		)
		.orderBy(sql`${serviceApplications.requestedFor} asc nulls last`, desc(serviceApplications.createdAt))
		.limit(QUEUE_LIMIT);
	return withReference(rows);
}

/** The departments the queue's filter offers the actor: all for managers and admins, else its own. */
export function queueDepartments(actor: Actor): ServiceDepartment[] {
	if (actor.roles.has('manager') || actor.roles.has('admin')) return ['customer_service', 'engineering', 'security', 'finance', 'manager'];
	return actorDepartments(actor);
}

export const queueStates = serviceApplicationStates;

/** One application as its page shows it: the record, its kind, place, bill, timeline, and what the actor may do. */
export async function applicationDetail(actor: Actor, id: string) {
	const loaded = await loadApplication(db(), actor, id);
	const { application } = loaded;
	const [[row], timeline, bill] = await Promise.all([
		listFrom().where(eq(serviceApplications.id, application.id)),
		listEventsWithActors('service_application', application.id),
		application.billId
			? db()
					.select({ id: bills.id, seq: bills.seq, totalMinor: bills.totalMinor, currency: bills.currency, state: bills.state })
					.from(bills)
					.where(eq(bills.id, application.billId))
					.then((r) => r[0] ?? null)
			: null
	]);
	const [submitter] = await db().select({ name: users.name }).from(users).where(eq(users.id, application.submittedBy));
	const actions = serviceApplicationMachine.open(application.state, loaded.capacities);
	// The fee approval would bill, for the approver to see before approving (or why it cannot be billed yet).
	let fee: ServiceFee | null = null;
	let feeProblem = '';
	if (actions.includes('approve')) {
		try {
			fee = await serviceFee(db(), application);
		} catch (err) {
			if (!(err instanceof InputError)) throw err;
			feeProblem = err.message;
		}
	}
	return {
		...row!,
		reference: serviceReference(application),
		answers: application.answers,
		fields: application.fields,
		decisionNote: application.decisionNote,
		submitterName: submitter?.name ?? '',
		bill,
		timeline,
		actions,
		fee,
		feeProblem
	};
}
