/**
 * Resident companies occupying a unit of the actor's estates today, by name in either script (the
 * pg_trgm index on their names serves it); one result per company and unit.
 */
import { and, asc, eq } from 'drizzle-orm';
import { inActorEstates } from '../auth/guards.ts';
import { buildings, estates, occupancies, residentCompanies, units } from '../db/schema/index.ts';
import { containsText } from '../kernel/text-match.ts';
import { currentOnSql, estateTodays, todayInEstateSql } from '../property/occupancy.ts';
import type { Finder } from './finder.ts';
import { placeColumns, placeJoins, placeText, unitPageOf } from './places.ts';

export const companyFinder: Finder<'companies'> = {
	kind: 'companies',
	mayUse: (actor) => unitPageOf(actor) !== null,
	async find(executor, actor, query, limit, now) {
		const page = unitPageOf(actor);
		if (!page || !query.name) return [];
		const current = currentOnSql(todayInEstateSql(units.estateId, await estateTodays(executor, now)));
		const rows = await executor
			.select({ ...placeColumns, companyId: residentCompanies.id, name: residentCompanies.name, role: occupancies.role })
			.from(occupancies)
			.innerJoin(residentCompanies, eq(residentCompanies.id, occupancies.companyId))
			.innerJoin(units, eq(units.id, occupancies.unitId))
			.innerJoin(buildings, placeJoins.building)
			.innerJoin(estates, placeJoins.estate)
			.where(and(current, inActorEstates(actor, units.estateId), containsText(residentCompanies.name, query.name)))
			.orderBy(asc(residentCompanies.name), asc(estates.code), asc(units.number))
			.limit(limit + 1);
		return rows.map((row) => ({
			key: `${row.companyId}/${row.unitId}`,
			href: page(row.unitId),
			title: row.name,
			place: placeText(row),
			detail: null,
			tag: { kind: 'occupant' as const, role: row.role }
		}));
	}
};
