/**
 * The yearly visit plan of an estate (rule 8, "every key account at least N times a year"): the
 * customers named in it with their N, and how many visits each has had (held or closed, in the
 * estate's year) and has coming. A customer is an occupancy's party — a person or a company — so
 * its visits in any of its units count. Customer types (rule 11) will add targets by type; the
 * figures read the targets whatever made them.
 */
import { error } from '@sveltejs/kit';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { visitTargetSchema } from '#lib/schemas/visits.ts';
import { businessToday, localInstant } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { inActorEstates, requireEstate, requireStaff } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { buildings, estates, occupancies, residentCompanies, units, users, visitPlans, visitTargets } from '../db/schema/index.ts';
import { recordAudit } from '../events/service.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { rethrowUnique } from '../kernel/unique-violation.ts';
import { isUuid } from '../kernel/ids.ts';
import { currentOnSql } from '../property/occupancy.ts';
import { keyAccountParties } from '../customers/key-accounts.ts';
import { comingVisitStates, doneVisitStates } from './machine.ts';

export interface PlanEstate {
	id: string;
	code: string;
	name: string;
	timeZone: string;
}

/** The estates the office may plan visits for. */
export async function planEstates(actor: Actor, executor: Executor = db()): Promise<PlanEstate[]> {
	requireStaff(actor, 'visits.manage');
	return executor
		.select({ id: estates.id, code: estates.code, name: estates.name, timeZone: estates.timeZone })
		.from(estates)
		.where(inActorEstates(actor, estates.id))
		.orderBy(asc(estates.code));
}

/** The instants bounding the estate's year. */
export function yearBounds(year: number, timeZone: string): { from: Date; to: Date } {
	return { from: localInstant(`${year}-01-01`, 0, timeZone), to: localInstant(`${year + 1}-01-01`, 0, timeZone) };
}

const inList = (states: readonly string[]) => sql.raw(states.map((s) => `'${s}'`).join(', '));

/** How many visits of the target's party in the plan's estate and year: held or closed, and still to come. */
function partyVisits(states: readonly string[], column: 'held_at' | 'starts_at', from: Date, to: Date) {
	return sql<number>`(select count(*)::int from visits v join occupancies o on o.id = v.occupancy_id
		where v.estate_id = ${visitPlans.estateId} and v.state in (${inList(states)})
		and v.${sql.raw(column)} >= ${from.toISOString()}::timestamptz and v.${sql.raw(column)} < ${to.toISOString()}::timestamptz
		and (o.user_id = ${visitTargets.userId} or o.company_id = ${visitTargets.companyId}))`;
}

export interface TargetRow {
	id: string;
	party: string;
	/** The party as the plan form names it ("company:<id>", "user:<id>"). */
	partyValue: string;
	kind: 'company' | 'person';
	times: number;
	done: number;
	coming: number;
	/** The party's occupancies in the estate today, to book a visit in. */
	units: { occupancyId: string; label: string }[];
}

export interface PlanView {
	estate: PlanEstate;
	year: number;
	targets: TargetRow[];
	planned: number;
	/** Visits done towards the targets, each target counted up to its N. */
	done: number;
}

/** The party's current occupancies in the estate, with their unit. */
function partyUnits(executor: Executor, estateId: string, today: string) {
	return executor
		.select({
			occupancyId: occupancies.id,
			userId: occupancies.userId,
			companyId: occupancies.companyId,
			label: sql<string>`${buildings.name} || ' ' || ${units.number}`
		})
		.from(occupancies)
		.innerJoin(units, eq(units.id, occupancies.unitId))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.where(and(eq(units.estateId, estateId), currentOnSql(today)))
		.orderBy(asc(buildings.name), asc(units.number));
}

/** The plan of one of the actor's estates for a year, with each target's figures. */
export async function visitPlan(
	actor: Actor,
	estateId: string,
	year: number,
	{ now = new Date(), executor = db() } = {}
): Promise<PlanView> {
	requireStaff(actor, 'visits.manage');
	const estate = (await planEstates(actor, executor)).find((e) => e.id === estateId);
	if (!estate) error(404, 'Not found');
	const { from, to } = yearBounds(year, estate.timeZone);
	const rows = await executor
		.select({
			id: visitTargets.id,
			userId: visitTargets.userId,
			companyId: visitTargets.companyId,
			party: sql<string>`coalesce(${residentCompanies.name}, ${users.name})`,
			times: visitTargets.times,
			done: partyVisits(doneVisitStates, 'held_at', from, to),
			coming: partyVisits(comingVisitStates, 'starts_at', from, to)
		})
		.from(visitTargets)
		.innerJoin(visitPlans, eq(visitPlans.id, visitTargets.planId))
		.leftJoin(users, eq(users.id, visitTargets.userId))
		.leftJoin(residentCompanies, eq(residentCompanies.id, visitTargets.companyId))
		.where(and(eq(visitPlans.estateId, estate.id), eq(visitPlans.year, year)))
		.orderBy(asc(sql`coalesce(${residentCompanies.name}, ${users.name})`));
	const held = rows.length ? await partyUnits(executor, estate.id, businessToday(estate, now)) : [];
	const targets: TargetRow[] = rows.map((r) => ({
		id: r.id,
		party: r.party,
		partyValue: r.companyId ? `company:${r.companyId}` : `user:${r.userId}`,
		kind: r.companyId ? 'company' : 'person',
		times: r.times,
		done: Number(r.done),
		coming: Number(r.coming),
		units: held
			.filter((o) => (r.companyId ? o.companyId === r.companyId : o.userId === r.userId))
			.map((o) => ({ occupancyId: o.occupancyId, label: o.label }))
	}));
	return {
		estate,
		year,
		targets,
		planned: targets.reduce((sum, t) => sum + t.times, 0),
		done: targets.reduce((sum, t) => sum + Math.min(t.done, t.times), 0)
	};
}

export interface PartyOption {
	value: string;
	label: string;
	/** A key account (its customer type says so): "every key account" adds these. */
	keyAccount: boolean;
}

/** The plan form's choice that adds every key account of the estate not yet in the plan. */
const EVERY_KEY_ACCOUNT = 'key_accounts';

/** The customers of the estate today (companies first), as the plan's form offers them. */
export async function partyOptions(actor: Actor, estateId: string, { now = new Date(), executor = db() } = {}): Promise<PartyOption[]> {
	requireStaff(actor, 'visits.manage');
	const estate = (await planEstates(actor, executor)).find((e) => e.id === estateId);
	if (!estate) error(404, 'Not found');
	const held = await partyUnits(executor, estate.id, businessToday(estate, now));
	const companyIds = [...new Set(held.map((o) => o.companyId).filter((id): id is string => !!id))];
	const userIds = [...new Set(held.map((o) => o.userId).filter((id): id is string => !!id))];
	const [companies, people] = await Promise.all([
		companyIds.length
			? executor
					.select({ id: residentCompanies.id, name: residentCompanies.name })
					.from(residentCompanies)
					.where(inArray(residentCompanies.id, companyIds))
			: [],
		userIds.length ? executor.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds)) : []
	]);
	const unitsOf = (match: (o: (typeof held)[number]) => boolean) =>
		held
			.filter(match)
			.map((o) => o.label)
			.join(', ');
	const keyAccounts = await keyAccountParties(executor, { userIds, companyIds });
	const option = (value: string, label: string): PartyOption => ({ value, label, keyAccount: keyAccounts.has(value) });
	const byName = (a: PartyOption, b: PartyOption) => a.label.localeCompare(b.label);
	return [
		...companies.map((c) => option(`company:${c.id}`, `${c.name} · ${unitsOf((o) => o.companyId === c.id)}`)).sort(byName),
		...people.map((u) => option(`user:${u.id}`, `${u.name} · ${unitsOf((o) => o.userId === u.id)}`)).sort(byName)
	];
}

/**
 * Names a customer in the estate's plan for the year (the plan is made on its first customer) —
 * or, with EVERY_KEY_ACCOUNT, each key account of the estate today that the plan does not name yet
 * (rule 8: "every key account at least N times"). Returns how many customers it added.
 */
export async function addVisitTarget(
	actor: Actor | null | undefined,
	estateId: string,
	year: number,
	input: unknown,
	now = new Date()
): Promise<number> {
	requireStaff(actor, 'visits.manage');
	requireEstate(actor, estateId);
	const data = parseInput(visitTargetSchema, input);
	const options = await partyOptions(actor, estateId, { now });
	const every = data.party === EVERY_KEY_ACCOUNT;
	const chosen = every ? options.filter((o) => o.keyAccount) : options.filter((o) => o.value === data.party);
	if (!chosen.length) throw new InputError('party', every ? m.visit_no_key_accounts() : m.visit_party_required());
	return db().transaction(async (tx) => {
		await tx.insert(visitPlans).values({ estateId, year, createdBy: actor.userId }).onConflictDoNothing();
		const [plan] = await tx
			.select({ id: visitPlans.id })
			.from(visitPlans)
			.where(and(eq(visitPlans.estateId, estateId), eq(visitPlans.year, year)));
		let added = 0;
		for (const party of chosen) {
			const [kind, partyId] = party.value.split(':') as ['company' | 'user', string];
			const values = {
				planId: plan!.id,
				userId: kind === 'user' ? partyId : null,
				companyId: kind === 'company' ? partyId : null,
				times: data.times,
				createdBy: actor.userId
			};
			let target: { id: string } | undefined;
			try {
				// One customer once in a plan: "every key account" passes over those already named.
				[target] = every
					? await tx.insert(visitTargets).values(values).onConflictDoNothing().returning({ id: visitTargets.id })
					: await tx.insert(visitTargets).values(values).returning({ id: visitTargets.id });
			} catch (err) {
				rethrowUnique(err, { '*': () => new InputError('party', m.visit_party_in_plan()) });
			}
			if (!target) continue;
			added++;
			await recordAudit(tx, {
				actor,
				action: 'visits.target.add',
				subjectType: 'visit_plan',
				subjectId: plan!.id,
				detail: { targetId: target.id, party: party.value, times: data.times, year }
			});
		}
		if (every && added === 0) throw new InputError('party', m.visit_key_accounts_in_plan());
		return added;
	});
}

/** Takes a customer out of the plan (its visits stay on record). */
export async function removeVisitTarget(actor: Actor, targetId: string): Promise<void> {
	requireStaff(actor, 'visits.manage');
	if (!isUuid(targetId)) throw new InputError('', m.case_state_changed());
	await db().transaction(async (tx) => {
		const [row] = await tx
			.select({ target: visitTargets, estateId: visitPlans.estateId, year: visitPlans.year })
			.from(visitTargets)
			.innerJoin(visitPlans, eq(visitPlans.id, visitTargets.planId))
			.where(eq(visitTargets.id, targetId));
		if (!row) throw new InputError('', m.case_state_changed());
		requireEstate(actor, row.estateId);
		await tx.delete(visitTargets).where(eq(visitTargets.id, targetId));
		await recordAudit(tx, {
			actor,
			action: 'visits.target.remove',
			subjectType: 'visit_plan',
			subjectId: row.target.planId,
			detail: { targetId, times: row.target.times, year: row.year }
		});
	});
}

/**
 * Which estate and year the plan page shows: the asked estate when it is one of the actor's, else
 * the first; the asked year when it is a plausible one, else this year in that estate.
 */
export async function planPlace(actor: Actor | null | undefined, asked: { estate: string | null; year: string | null }) {
	requireStaff(actor, 'visits.manage');
	const estateChoices = await planEstates(actor);
	const estate = estateChoices.find((e) => e.id === asked.estate) ?? estateChoices[0];
	const thisYear = estate ? Number(businessToday(estate).slice(0, 4)) : new Date().getUTCFullYear();
	const year = Number(asked.year);
	return { estates: estateChoices, estate, year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : thisYear };
}
