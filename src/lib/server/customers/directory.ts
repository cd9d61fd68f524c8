/**
 * Customers as staff read them (rule 11): the list of the customers holding units in the actor's
 * estates with their effective grade (the office's override, else the computed one), and one
 * customer's page — units held, type and licence, the grade with its reasons, the override and the
 * history of grades and overrides. Scoped by the actor's estates: a customer who never held a unit
 * there does not exist for them (404).
 */
import { error } from '@sveltejs/kit';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { buildings, customers, customerTypes, estates, occupancies, residentCompanies, units, users } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { can, inActorEstates, requireStaff } from '../auth/guards.ts';
import { isUuid } from '../kernel/ids.ts';
import { listEventsWithActors } from '../events/service.ts';
import { currentOnSql, estateTodays, todayInEstateSql } from '../property/occupancy.ts';
import { localizedName } from '../dictionaries/localized-name.ts';
import { listCustomerTypes } from '../dictionaries/customer-types.ts';
import { customerGrades, type CustomerGrade } from '#lib/rating-criteria.ts';
import { DEFAULT_TIME_ZONE } from '#lib/time/index.ts';
import { getLocale } from '#lib/paraglide/runtime.js';

const CUSTOMERS_PAGE_SIZE = 50;

export interface CustomerFilter {
	estate: string;
	type: string;
	grade: CustomerGrade | '';
	page: number;
}

/** The list's filters from the URL; anything unknown is read as "all" (never a 500). */
export function customerFilter(params: URLSearchParams): CustomerFilter {
	const grade = params.get('grade') ?? '';
	const page = Number(params.get('page') ?? '1');
	return {
		estate: isUuid(params.get('estate') ?? '') ? params.get('estate')! : '',
		type: isUuid(params.get('type') ?? '') ? params.get('type')! : '',
		grade: (customerGrades as readonly string[]).includes(grade) ? (grade as CustomerGrade) : '',
		page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1
	};
}

const partyName = sql<string>`coalesce(${residentCompanies.name}, ${users.name}, '')`;
const effectiveGrade = sql<string | null>`coalesce(${customers.overrideGrade}, ${customers.grade})`;

/** Whether the customer has an occupancy (current, when `current` is given) in a unit matching `where`. */
function holdsUnit(where: SQL | undefined, current?: SQL): SQL {
	const held = (party: SQL) =>
		sql`exists (select 1 from ${occupancies} join ${units} on ${units.id} = ${occupancies.unitId}
			where ${party} ${current ? sql`and ${current}` : sql``} ${where ? sql`and ${where}` : sql``})`;
	return sql`(${held(sql`${occupancies.userId} = ${customers.userId}`)} or ${held(sql`${occupancies.companyId} = ${customers.companyId}`)})`;
}

/** The list page: the customers holding units in the actor's estates (filtered), a page at a time by name. */
export async function customerList(actor: Actor | null, filter: CustomerFilter) {
	requireStaff(actor, 'customers.read');
	const locale = getLocale();
	const todays = await estateTodays(db());
	const inScope = and(inActorEstates(actor, units.estateId), filter.estate ? eq(units.estateId, filter.estate) : undefined);
	const [estateRows, types, rows] = await Promise.all([
		db().select({ id: estates.id, name: estates.name }).from(estates).where(inActorEstates(actor, estates.id)).orderBy(asc(estates.name)),
		listCustomerTypes(db()),
		db()
			.select({
				id: customers.id,
				name: partyName,
				isCompany: sql<boolean>`${customers.companyId} is not null`,
				typeId: customers.typeId,
				grade: effectiveGrade,
				overridden: sql<boolean>`${customers.overrideGrade} is not null`,
				score: customers.score
			})
			.from(customers)
			.leftJoin(residentCompanies, eq(residentCompanies.id, customers.companyId))
			.leftJoin(users, eq(users.id, customers.userId))
			.where(
				and(
					holdsUnit(inScope, currentOnSql(todayInEstateSql(units.estateId, todays))),
					filter.type ? eq(customers.typeId, filter.type) : undefined,
					filter.grade ? sql`${effectiveGrade} = ${filter.grade}` : undefined
				)
			)
			.orderBy(asc(partyName), asc(customers.id))
			.limit(CUSTOMERS_PAGE_SIZE + 1)
			.offset((filter.page - 1) * CUSTOMERS_PAGE_SIZE)
	]);
	const typeName = new Map(types.map((t) => [t.id, localizedName(t, locale)]));
	return {
		filter,
		estates: estateRows,
		types: types.filter((t) => t.active || t.id === filter.type).map((t) => ({ id: t.id, name: typeName.get(t.id)! })),
		grades: customerGrades,
		customers: rows.slice(0, CUSTOMERS_PAGE_SIZE).map((r) => ({ ...r, type: r.typeId ? (typeName.get(r.typeId) ?? '') : '' })),
		more: rows.length > CUSTOMERS_PAGE_SIZE
	};
}

/** One customer the actor may see (a unit of theirs, now or before, in the actor's estates), or 404. */
export async function customerInScope(actor: Actor | null, id: string) {
	requireStaff(actor, 'customers.read');
	if (!isUuid(id)) error(404, 'Not found');
	const [row] = await db()
		.select({ customer: customers, name: partyName })
		.from(customers)
		.leftJoin(residentCompanies, eq(residentCompanies.id, customers.companyId))
		.leftJoin(users, eq(users.id, customers.userId))
		.where(and(eq(customers.id, id), holdsUnit(inActorEstates(actor, units.estateId))));
	if (!row) error(404, 'Not found');
	return row;
}

/** A customer's page: who, what it holds today, its type and licence, the grade and why, the override, the history. */
export async function customerPage(actor: Actor | null, id: string) {
	requireStaff(actor, 'customers.read');
	const { customer, name } = await customerInScope(actor, id);
	const locale = getLocale();
	const todays = await estateTodays(db());
	const party = customer.userId ? eq(occupancies.userId, customer.userId) : eq(occupancies.companyId, customer.companyId!);
	const [held, type, overrideBy, history] = await Promise.all([
		db()
			.select({
				unitId: units.id,
				estate: estates.name,
				timeZone: estates.timeZone,
				building: buildings.name,
				number: units.number,
				areaM2: units.areaM2,
				role: occupancies.role,
				since: occupancies.startsOn
			})
			.from(occupancies)
			.innerJoin(units, eq(units.id, occupancies.unitId))
			.innerJoin(buildings, eq(buildings.id, units.buildingId))
			.innerJoin(estates, eq(estates.id, units.estateId))
			.where(and(party, currentOnSql(todayInEstateSql(units.estateId, todays)), inActorEstates(actor, units.estateId)))
			.orderBy(asc(estates.name), asc(buildings.name), asc(units.number)),
		customer.typeId ? db().select().from(customerTypes).where(eq(customerTypes.id, customer.typeId)) : [],
		customer.overrideBy ? db().select({ name: users.name }).from(users).where(eq(users.id, customer.overrideBy)) : [],
		listEventsWithActors('customer', customer.id)
	]);
	return {
		id: customer.id,
		name,
		isCompany: customer.companyId !== null,
		held,
		/** The zone the customer's times are shown in: its first unit's estate's. */
		timeZone: held[0]?.timeZone ?? DEFAULT_TIME_ZONE,
		type: type[0] ? { name: localizedName(type[0], locale), keyAccount: type[0].keyAccount } : null,
		licenceNo: customer.licenceNo,
		licenceExpiresOn: customer.licenceExpiresOn,
		contactsCheckedOn: customer.contactsCheckedOn,
		grade: customer.grade,
		score: customer.score,
		reasons: customer.reasons ?? [],
		gradedAt: customer.gradedAt,
		override: customer.overrideGrade
			? { grade: customer.overrideGrade, reason: customer.overrideReason ?? '', by: overrideBy[0]?.name ?? '', at: customer.overrideAt }
			: null,
		effectiveGrade: customer.overrideGrade ?? customer.grade,
		history: history.map((e) => ({
			id: e.id,
			at: e.at,
			kind: e.kind,
			from: e.from,
			to: e.to,
			note: e.note,
			data: e.data,
			by: e.actorName
		})),
		canGrade: can(actor, 'customers.grade'),
		canEditProfile: can(actor, 'customers.profile')
	};
}
