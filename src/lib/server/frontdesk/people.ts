/**
 * People who occupy a unit of the actor's estates today — in person or as a member of a company
 * that does — by phone (its key: lib/phone.ts), email or name in either script; and household
 * members by phone or name, for those who read the registry (where household members are shown).
 * Each result is one person in one unit and opens that unit's page.
 */
import { and, asc, eq, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { inActorEstates } from '../auth/guards.ts';
import type { Executor } from '../db/client.ts';
import { buildings, companyMembers, estates, householdMembers, occupancies, units, users } from '../db/schema/index.ts';
import { phoneKeySql } from '../kernel/phone-key-sql.ts';
import { containsText } from '../kernel/text-match.ts';
import { currentOnSql, estateTodays, todayInEstateSql } from '../property/occupancy.ts';
import type { Finder, FoundItem } from './finder.ts';
import { placeColumns, placeJoins, placeText, registryPageOf, unitPageOf } from './places.ts';
import type { FindQuery } from './query.ts';

/** The query's readings as conditions on a person's phone, email and name columns (none: null). */
function personMatch(query: FindQuery, columns: { phone: AnyColumn; email?: AnyColumn; name: AnyColumn }) {
	const conditions: SQL[] = [];
	if (query.phone) conditions.push(sql`${phoneKeySql(columns.phone)} = ${query.phone}`);
	// Emails are stored lower-cased; part of one is enough ("chan.taiman@").
	if (query.email && columns.email) conditions.push(containsText(columns.email, query.email));
	if (query.name) conditions.push(containsText(columns.name, query.name));
	return conditions.length ? or(...conditions)! : null;
}

async function occupants(executor: Executor, actor: Actor, match: SQL, current: SQL, limit: number, viaCompany: boolean) {
	const base = executor
		.select({ ...placeColumns, personId: users.id, name: users.name, role: occupancies.role })
		.from(occupancies)
		.innerJoin(units, eq(units.id, occupancies.unitId))
		.innerJoin(buildings, placeJoins.building)
		.innerJoin(estates, placeJoins.estate);
	const joined = viaCompany
		? base
				.innerJoin(companyMembers, eq(companyMembers.companyId, occupancies.companyId))
				.innerJoin(users, eq(users.id, companyMembers.userId))
		: base.innerJoin(users, eq(users.id, occupancies.userId));
	return joined
		.where(and(current, inActorEstates(actor, units.estateId), match))
		.orderBy(asc(users.name), asc(estates.code), asc(units.number))
		.limit(limit + 1);
}

export const peopleFinder: Finder<'people'> = {
	kind: 'people',
	mayUse: (actor) => unitPageOf(actor) !== null,
	async find(executor, actor, query, limit, now) {
		const page = unitPageOf(actor);
		const match = personMatch(query, users);
		if (!page || !match) return [];
		const current = currentOnSql(todayInEstateSql(units.estateId, await estateTodays(executor, now)));
		const household = registryPageOf(actor);
		const householdMatch = personMatch(query, { phone: householdMembers.phone, name: householdMembers.name });
		const [inPerson, members, relatives] = await Promise.all([
			occupants(executor, actor, match, current, limit, false),
			occupants(executor, actor, match, current, limit, true),
			household && householdMatch
				? executor
						.select({ ...placeColumns, id: householdMembers.id, name: householdMembers.name, relation: householdMembers.relation })
						.from(householdMembers)
						.innerJoin(occupancies, eq(occupancies.id, householdMembers.occupancyId))
						.innerJoin(units, eq(units.id, occupancies.unitId))
						.innerJoin(buildings, placeJoins.building)
						.innerJoin(estates, placeJoins.estate)
						.where(and(current, inActorEstates(actor, units.estateId), householdMatch, isNull(householdMembers.endedAt)))
						.orderBy(asc(householdMembers.name))
						.limit(limit + 1)
				: []
		]);
		const items: FoundItem[] = [
			...inPerson.map((row) => ({
				key: `${row.personId}/${row.unitId}`,
				href: page(row.unitId),
				title: row.name,
				place: placeText(row),
				detail: null,
				tag: { kind: 'occupant' as const, role: row.role }
			})),
			...members.map((row) => ({
				key: `${row.personId}/${row.unitId}/member`,
				href: page(row.unitId),
				title: row.name,
				place: placeText(row),
				detail: null,
				tag: { kind: 'member' as const, role: row.role }
			})),
			...relatives.map((row) => ({
				key: `household/${row.id}`,
				href: household!(row.unitId),
				title: row.name,
				place: placeText(row),
				detail: null,
				tag: { kind: 'household' as const, relation: row.relation }
			}))
		];
		return items.slice(0, limit + 1);
	}
};
