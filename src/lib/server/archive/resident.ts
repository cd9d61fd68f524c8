/**
 * A resident's view of the unit's file: only the parts of the occupancies through which they hold
 * the unit today (the landlord of a let flat, a former or later occupant see none of it), and none
 * of the kinds kept for staff. Not logged: it is their own record.
 */
import { db } from '../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import { requireResident } from '../auth/guards.ts';
import { actorOccupancies } from '../property/occupancy.ts';
import { myOccupancyIds, requireMyUnit } from '../residents/units.ts';
import { businessToday } from '#lib/time/index.ts';
import { staffOnlyArchiveKinds } from './kinds.ts';
import { readFileParts } from './read.ts';

export async function myUnitFile(actor: Actor, unitId: string, now: Date = new Date()) {
	requireResident(actor);
	const unit = await requireMyUnit(actor, unitId);
	// The estate's zone, from the occupancy the actor holds the unit by.
	const held = (await actorOccupancies(db(), actor)).find((o) => o.unitId === unit.id)!;
	const { parts } = await readFileParts(db(), unit.id, businessToday(held, now), {
		occupancyIds: myOccupancyIds(unit),
		hideKinds: staffOnlyArchiveKinds
	});
	return { unit, timeZone: held.timeZone, parts };
}
