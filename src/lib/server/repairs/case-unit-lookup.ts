/**
 * The "which unit" step of matching a case from the public widget (a repair's or a complaint's),
 * inside the case's estate: the estate's buildings, what was typed in the lookup's GET form
 * (?building=…&unit=…, the UnitLookup component) and the unit it found. The match itself checks
 * the unit again (property/contact-match.ts unitInEstate).
 */
import type { Actor } from '../auth/actor.ts';
import type { Permission } from '../auth/permissions.ts';
import { db, type Executor } from '../db/client.ts';
import { findIntakeUnit, intakeBuildings } from './staff-choices.ts';

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
	const buildingId = params.get('building') ?? typedBuilding ?? '';
	const number = (params.get('unit') ?? '').slice(0, 20);
	const [all, found] = await Promise.all([
		intakeBuildings(actor, executor, permission),
		buildingId && number ? findIntakeUnit(actor, buildingId, number, executor, permission) : null
	]);
	const buildings = all.filter((b) => b.estateId === estateId);
	const unit = found?.estateId === estateId ? found : null;
	return {
		buildings,
		lookup: {
			buildingId: buildings.some((b) => b.id === buildingId) ? buildingId : '',
			number,
			notFound: !!(buildingId && number && !unit)
		},
		unit: unit && { id: unit.id, number: unit.number, buildingName: unit.buildingName, estateName: unit.estateName }
	};
}
