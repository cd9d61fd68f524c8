/**
 * Units by their number as typed ("12A", "A座12A", "Block A 12A"): the number compared
 * lower-cased (the units_number_prefix index on lower(number) serves the equality), the building
 * by its code or a phrase of its name. With their current occupants (the one rule).
 */
import { and, asc, or, sql, type SQL } from 'drizzle-orm';
import { inActorEstates } from '../auth/guards.ts';
import { buildings, estates, units } from '../db/schema/index.ts';
import { currentOccupancies } from '../property/occupancy.ts';
import { partyNames } from '../property/party-names.ts';
import { escapeLike } from '../kernel/text-match.ts';
import type { Finder } from './finder.ts';
import { placeColumns, placeJoins, placeText, unitPageOf } from './places.ts';
import type { UnitText } from './unit-text.ts';

function unitCondition(unit: UnitText): SQL {
	const number = sql`lower(${units.number}) = ${unit.number.toLowerCase()}`;
	if (!unit.building) return number;
	const building = or(
		sql`lower(${buildings.code}) = ${unit.building.code.toLowerCase()}`,
		sql`${buildings.name} ilike ${`%${escapeLike(unit.building.phrase)}%`}`
	);
	return and(number, building)!;
}

export const unitFinder: Finder<'units'> = {
	kind: 'units',
	mayUse: (actor) => unitPageOf(actor) !== null,
	async find(executor, actor, query, limit, now) {
		const page = unitPageOf(actor);
		if (!page || query.units.length === 0) return [];
		const rows = await executor
			.select(placeColumns)
			.from(units)
			.innerJoin(buildings, placeJoins.building)
			.innerJoin(estates, placeJoins.estate)
			.where(and(inActorEstates(actor, units.estateId), or(...query.units.map(unitCondition))))
			.orderBy(asc(estates.code), asc(buildings.code), asc(units.number))
			.limit(limit + 1);
		const current = await currentOccupancies(
			executor,
			rows.map((r) => r.unitId),
			now
		);
		const names = await partyNames(executor, current);
		return rows.map((row) => {
			const occupants = current.filter((o) => o.unitId === row.unitId).map((o) => names.get(o.id) ?? '');
			return {
				key: row.unitId,
				href: page(row.unitId),
				title: row.unitNumber,
				place: placeText(row),
				detail: occupants.length ? occupants.join(' · ') : null,
				tag: null
			};
		});
	}
};
