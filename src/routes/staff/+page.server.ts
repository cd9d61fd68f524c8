import type { PageServerLoad } from './$types';
import { requireUser } from '#lib/server/auth/actor.ts';
import { myEstates } from '#lib/server/staff-admin/assignments.ts';

export const load = (async ({ locals }) => {
	requireUser(locals.actor);
	return { assignment: await myEstates(locals.actor) };
}) satisfies PageServerLoad;
