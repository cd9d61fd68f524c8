import type { PageServerLoad } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { myEstates } from '#lib/server/staff-admin/assignments.ts';

export const load = (async ({ locals }) => {
	requireSignedIn(locals.actor);
	return { assignment: await myEstates(locals.actor) };
}) satisfies PageServerLoad;
