/**
 * The desk's "which unit" step, as the UnitLookup component asks it (a GET form: ?building=…&unit=…):
 * the buildings of the actor's estates, what was typed, and the unit it found — for a new case
 * taken by phone or at the counter, a move, a goods release; and, inside the case's estate, for
 * matching a case from the public widget (a repair's or a complaint's), whose match checks the unit
 * again (property/contact-match.ts unitInEstate).
 */
import type { Actor } from '../auth/actor.ts';
import type { Permission } from '../auth/permissions.ts';
import { db, type Executor } from '../db/client.ts';
import { findIntakeUnit, intakeBuildings } from './staff-choices.ts';

/** What was typed in the lookup's GET form. */
export function typedUnit(params: URLSearchParams): { buildingId: string; number: string } {
	return { buildingId: params.get('building') ?? '', number: params.get('unit') ?? '' };
}

/** The buildings to choose from, what was typed and the unit it names (null, with `notFound` when a number was typed). */
export async function deskUnitLookup(
	actor: Actor,
	typed: { buildingId: string; number: string },
	{ permission, estateId = null, executor = db() }: { permission: Permission; estateId?: string | null; executor?: Executor }
) {
	const { buildingId } = typed;
	const number = typed.number.slice(0, 20);
	const [all, found] = await Promise.all([
		intakeBuildings(actor, executor, permission),
		buildingId && number ? findIntakeUnit(actor, buildingId, number, executor, permission) : null
	]);
	const buildings = estateId === null ? all : all.filter((b) => b.estateId === estateId);
	const unit = found && (estateId === null || found.estateId === estateId) ? found : null;
	return {
		buildings,
		lookup: {
			buildingId: buildings.some((b) => b.id === buildingId) ? buildingId : '',
			number,
			notFound: !!(buildingId && number && !unit)
		},
		unit
	};
}

/** The lookup inside the case's estate; the building the case names is the one offered first. */
export async function caseUnitLookup(
	actor: Actor,
	estateId: string,
	params: URLSearchParams,
	{
		permission,
		buildingId: typedBuilding = '',
		executor = db()
	}: { permission: Permission; buildingId?: string | null; executor?: Executor }
) {
	const typed = typedUnit(params);
	if (!params.has('building')) typed.buildingId = typedBuilding ?? '';
	const { buildings, lookup, unit } = await deskUnitLookup(actor, typed, { permission, estateId, executor });
	return {
		buildings,
		lookup,
		unit: unit && { id: unit.id, number: unit.number, buildingName: unit.buildingName, estateName: unit.estateName }
	};
}
