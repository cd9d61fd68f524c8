/**
 * Reading visits: the resident's own (its occupancies' only), one visit as its reader may see it
 * (the office, a follow-up's owner, the party), the office's coming visits, and the figures per
 * estate. Every read is scoped by the actor.
 */
import { error } from '@sveltejs/kit';
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { visitReference } from '#lib/references.ts';
import { businessToday } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { inActorEstates, requireResident, requireSignedIn, requireStaff } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { buildings, estates, occupancies, residentCompanies, units, users, visitFollowUps, visits } from '../db/schema/index.ts';
import { listEventsWithActors } from '../events/service.ts';
import { isUuid } from '../kernel/ids.ts';
import { actorOccupancies } from '../property/occupancy.ts';
import { loadVisit } from './access.ts';
import { visitEventKinds, type VisitEventKind } from './event-kinds.ts';
import { followUpOwners } from './follow-ups.ts';
import { comingVisitStates, followUpMachine, visitMachine, type VisitAction } from './machine.ts';
import { partyOptions, planEstates, planPlace, visitPlan, yearBounds } from './plans.ts';

const visitor = alias(users, 'visitor');

function visitQuery(executor: Executor) {
	return executor
		.select({
			visit: visits,
			timeZone: estates.timeZone,
			estateName: estates.name,
			unit: sql<string>`${buildings.name} || ' ' || ${units.number}`,
			party: sql<string>`coalesce(${residentCompanies.name}, ${users.name}, '')`,
			staffName: visitor.name
		})
		.from(visits)
		.innerJoin(estates, eq(estates.id, visits.estateId))
		.innerJoin(units, eq(units.id, visits.unitId))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(occupancies, eq(occupancies.id, visits.occupancyId))
		.leftJoin(users, eq(users.id, occupancies.userId))
		.leftJoin(residentCompanies, eq(residentCompanies.id, occupancies.companyId))
		.innerJoin(visitor, eq(visitor.id, visits.staffId))
		.$dynamic();
}

type VisitRowRaw = Awaited<ReturnType<ReturnType<typeof visitQuery>['execute']>>[number];

export interface VisitRow {
	id: string;
	reference: string;
	state: (typeof visits.$inferSelect)['state'];
	startsAt: Date;
	proposedAt: Date | null;
	unit: string;
	party: string;
	staffName: string;
	timeZone: string;
}

const row = (r: VisitRowRaw): VisitRow => ({
	id: r.visit.id,
	reference: visitReference(r.visit.seq),
	state: r.visit.state,
	startsAt: r.visit.startsAt,
	proposedAt: r.visit.proposedAt,
	unit: r.unit,
	party: r.party,
	staffName: r.staffName,
	timeZone: r.timeZone
});

/** The resident's visits: those of the occupancies it holds today, newest first. */
export async function myVisits(actor: Actor): Promise<VisitRow[]> {
	requireResident(actor);
	const held = await actorOccupancies(db(), actor);
	if (held.length === 0) return [];
	const rows = await visitQuery(db())
		.where(
			inArray(
				visits.occupancyId,
				held.map((o) => o.id)
			)
		)
		.orderBy(desc(visits.startsAt))
		.limit(100);
	return rows.map(row);
}

export interface FollowUpRow {
	id: string;
	question: string;
	ownerId: string;
	ownerName: string;
	dueOn: string;
	state: 'open' | 'done';
	answer: string;
	overdue: boolean;
	/** The reader may answer it (its owner, or the office). */
	canAnswer: boolean;
}

export interface VisitDetail extends VisitRow {
	estateId: string;
	purpose: string;
	proposalNote: string;
	opinions: string;
	suggestions: string;
	requests: string;
	heldAt: Date | null;
	cancelReason: string;
	actions: VisitAction[];
	followUps: FollowUpRow[];
	timeline: {
		id: number;
		at: Date;
		kind: VisitEventKind;
		from: string | null;
		to: string | null;
		note: string;
		actorName: string | null;
		data: Record<string, unknown>;
	}[];
}

/** One visit as the actor may see it (404 otherwise): the resident reads no staff-only events. */
export async function visitDetail(actor: Actor, visitId: string, now = new Date()): Promise<VisitDetail> {
	const loaded = await loadVisit(db(), actor, visitId);
	const [raw] = await visitQuery(db()).where(eq(visits.id, loaded.visit.id));
	if (!raw) error(404, 'Not found');
	const owner = alias(users, 'owner');
	const today = businessToday({ timeZone: loaded.timeZone }, now);
	const followUps = await db()
		.select({ f: visitFollowUps, ownerName: owner.name })
		.from(visitFollowUps)
		.innerJoin(owner, eq(owner.id, visitFollowUps.ownerId))
		.where(eq(visitFollowUps.visitId, loaded.visit.id))
		.orderBy(asc(visitFollowUps.createdAt));
	const isStaff = actor.kind === 'staff';
	const events = await listEventsWithActors('visit', loaded.visit.id);
	const v = loaded.visit;
	return {
		...row(raw),
		estateId: v.estateId,
		purpose: v.purpose,
		proposalNote: v.proposalNote,
		opinions: v.opinions,
		suggestions: v.suggestions,
		requests: v.requests,
		heldAt: v.heldAt,
		cancelReason: v.cancelReason,
		actions: visitMachine.open(v.state, loaded.capacities),
		followUps: followUps.map(({ f, ownerName }) => ({
			id: f.id,
			question: f.question,
			ownerId: f.ownerId,
			ownerName,
			dueOn: f.dueOn,
			state: f.state,
			answer: f.answer,
			overdue: followUpOverdue(f, today),
			canAnswer:
				isStaff &&
				followUpMachine.can(
					f.state,
					'answer',
					new Set([
						...(f.ownerId === actor.userId ? (['owner'] as const) : []),
						...(loaded.capacities.has('office') ? (['office'] as const) : [])
					])
				)
		})),
		timeline: events
			.filter((e) => Object.hasOwn(visitEventKinds, e.kind) && (isStaff || visitEventKinds[e.kind as VisitEventKind] === 'all'))
			.map((e) => ({
				id: e.id,
				at: e.at,
				kind: e.kind as VisitEventKind,
				from: e.from,
				to: e.to,
				note: e.note,
				actorName: e.actorName,
				data: e.data
			}))
	};
}

/** A follow-up still open after its day (the estate's day). */
const followUpOverdue = (f: { state: 'open' | 'done'; dueOn: string }, today: string) => f.state === 'open' && f.dueOn < today;

export interface OwnFollowUp {
	id: string;
	visitId: string;
	/** The visit's number (V000123). */
	reference: string;
	question: string;
	dueOn: string;
	overdue: boolean;
	/** Building and unit. */
	unit: string;
	estateName: string;
}

/**
 * The open follow-ups the actor owns (whatever the department: access.ts lets their owner open the
 * visit), due first: the owner's list and the staff home's section. At most 500.
 */
export async function ownFollowUps(
	actor: Actor | null | undefined,
	{ now = new Date(), executor = db() }: { now?: Date; executor?: Executor } = {}
): Promise<OwnFollowUp[]> {
	requireSignedIn(actor);
	if (actor.kind !== 'staff') error(403, 'Forbidden');
	const rows = await executor
		.select({
			f: visitFollowUps,
			seq: visits.seq,
			timeZone: estates.timeZone,
			estateName: estates.name,
			// The place as a subquery: the staff home joins at most four tables in a statement.
			unit: sql<string>`(select ${buildings.name} || ' ' || ${units.number} from ${units}
				inner join ${buildings} on ${buildings.id} = ${units.buildingId} where ${units.id} = ${visits.unitId})`
		})
		.from(visitFollowUps)
		.innerJoin(visits, eq(visits.id, visitFollowUps.visitId))
		.innerJoin(estates, eq(estates.id, visitFollowUps.estateId))
		.where(and(eq(visitFollowUps.ownerId, actor.userId), eq(visitFollowUps.state, 'open')))
		.orderBy(asc(visitFollowUps.dueOn), asc(visitFollowUps.id))
		.limit(500);
	return rows.map(({ f, seq, timeZone, estateName, unit }) => ({
		id: f.id,
		visitId: f.visitId,
		reference: visitReference(seq),
		question: f.question,
		dueOn: f.dueOn,
		overdue: followUpOverdue(f, businessToday({ timeZone }, now)),
		unit,
		estateName
	}));
}

/** Who a follow-up may be given to: the estate's staff (the office's visit page). */
export async function ownerChoices(actor: Actor, estateId: string) {
	requireStaff(actor, 'visits.manage');
	return followUpOwners(db(), estateId);
}

/** The occupancy a visit is booked with, as the booking page shows it; 404 outside the actor's estates. */
export async function bookingTarget(actor: Actor, occupancyId: string, now = new Date()) {
	requireStaff(actor, 'visits.manage');
	const [found] = isUuid(occupancyId)
		? await db()
				.select({
					occupancyId: occupancies.id,
					estateId: units.estateId,
					timeZone: estates.timeZone,
					estateName: estates.name,
					unit: sql<string>`${buildings.name} || ' ' || ${units.number}`,
					party: sql<string>`coalesce(${residentCompanies.name}, ${users.name}, '')`
				})
				.from(occupancies)
				.innerJoin(units, eq(units.id, occupancies.unitId))
				.innerJoin(buildings, eq(buildings.id, units.buildingId))
				.innerJoin(estates, eq(estates.id, units.estateId))
				.leftJoin(users, eq(users.id, occupancies.userId))
				.leftJoin(residentCompanies, eq(residentCompanies.id, occupancies.companyId))
				.where(and(eq(occupancies.id, occupancyId), inActorEstates(actor, units.estateId)))
		: [];
	if (!found) error(404, 'Not found');
	return { ...found, today: businessToday(found, now) };
}

/** The office's visits of an estate still to come, soonest first, and those held lately. */
async function estateVisits(actor: Actor, estateId: string) {
	requireStaff(actor, 'visits.manage');
	const rows = await visitQuery(db())
		.where(and(eq(visits.estateId, estateId), inActorEstates(actor, visits.estateId)))
		.orderBy(desc(visits.startsAt))
		.limit(200);
	const all = rows.map(row);
	const coming = all.filter((v) => (comingVisitStates as readonly string[]).includes(v.state)).reverse();
	const past = all.filter((v) => !(comingVisitStates as readonly string[]).includes(v.state)).slice(0, 50);
	return { coming, past };
}

export interface EstateFigures {
	estate: { id: string; code: string; name: string };
	customers: number;
	planned: number;
	/** Visits held towards the plan, each customer counted up to its N. */
	done: number;
	/** Customers who have had their N visits. */
	customersDone: number;
	/** Every visit held in the year, planned or not. */
	held: number;
	followUpsOpen: number;
	followUpsOverdue: number;
}

/** Visit statistics per estate of the actor for a year: planned vs done, follow-ups open and overdue. */
export async function visitStatistics(actor: Actor, year: number, now = new Date()): Promise<EstateFigures[]> {
	requireStaff(actor, 'visits.manage');
	const executor = db();
	const estatesSeen = await planEstates(actor, executor);
	return Promise.all(
		estatesSeen.map(async (estate) => {
			const { from, to } = yearBounds(year, estate.timeZone);
			const today = businessToday(estate, now);
			const [plan, [held], [followUps]] = await Promise.all([
				visitPlan(actor, estate.id, year, { now, executor }),
				executor
					.select({ n: sql<number>`count(*)::int` })
					.from(visits)
					.where(
						and(
							eq(visits.estateId, estate.id),
							inArray(visits.state, ['held', 'closed']),
							sql`${visits.heldAt} >= ${from.toISOString()}::timestamptz`,
							lt(visits.heldAt, to)
						)
					),
				executor
					.select({
						open: sql<number>`count(*)::int`,
						overdue: sql<number>`(count(*) filter (where ${visitFollowUps.dueOn} < ${today}::date))::int`
					})
					.from(visitFollowUps)
					.where(and(eq(visitFollowUps.estateId, estate.id), eq(visitFollowUps.state, 'open')))
			]);
			return {
				estate: { id: estate.id, code: estate.code, name: estate.name },
				customers: plan.targets.length,
				planned: plan.planned,
				done: plan.done,
				customersDone: plan.targets.filter((t) => t.done >= t.times).length,
				held: Number(held?.n ?? 0),
				followUpsOpen: Number(followUps?.open ?? 0),
				followUpsOverdue: Number(followUps?.overdue ?? 0)
			};
		})
	);
}

/** The plan page: the estate and year shown, its plan, the customers to add and the estate's visits. */
export async function visitPlanPage(actor: Actor | null | undefined, asked: { estate: string | null; year: string | null }) {
	requireStaff(actor, 'visits.manage');
	const { estates, estate, year } = await planPlace(actor, asked);
	if (!estate) return { estates, estate: null, year, plan: null, parties: [], keyAccountsToAdd: 0, visits: { coming: [], past: [] } };
	const [plan, parties, visits] = await Promise.all([
		visitPlan(actor, estate.id, year),
		partyOptions(actor, estate.id),
		estateVisits(actor, estate.id)
	]);
	const named = new Set(plan.targets.map((t) => t.partyValue));
	const keyAccountsToAdd = parties.filter((p) => p.keyAccount && !named.has(p.value)).length;
	return { estates, estate, year, plan, parties, keyAccountsToAdd, visits };
}
