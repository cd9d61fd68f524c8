import type { PageServerLoad } from './$types';
import { requireUser } from '#lib/server/auth/actor.ts';
import { myUnits } from '#lib/server/residents/units.ts';
import { myHousehold } from '#lib/server/residents/household.ts';

export const load = (async ({ locals }) => {
	requireUser(locals.actor);
	const [units, household] = await Promise.all([myUnits(locals.actor), myHousehold(locals.actor)]);
	// Repairs, complaints and renovations arrive in later issues; until then the list is empty.
	const openCases: never[] = [];
	return { units, household, openCases };
}) satisfies PageServerLoad;
