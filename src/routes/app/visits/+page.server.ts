import type { PageServerLoad } from './$types';
import { requireResident } from '#lib/server/auth/guards.ts';
import { myVisits } from '#lib/server/visits/queries.ts';

export const load = (async ({ locals }) => {
	requireResident(locals.actor);
	return { visits: await myVisits(locals.actor) };
}) satisfies PageServerLoad;
