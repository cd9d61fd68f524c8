import type { PageServerLoad } from './$types';
import { myUnitFile } from '#lib/server/archive/resident.ts';

/** The resident's own part of the unit's file (their occupancy's entries only). */
export const load = (async ({ locals, params }) => {
	const { unit, timeZone, parts } = await myUnitFile(locals.actor!, params.id);
	return { unit: { id: unit.id, label: `${unit.buildingName} ${unit.number}`, estateName: unit.estateName }, timeZone, parts };
}) satisfies PageServerLoad;
