import type { PageServerLoad } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { myEstates } from '#lib/server/staff-admin/assignments.ts';
import { waitingForMe } from '#lib/server/staff-home/home.ts';

export const load = (async ({ locals }) => {
	requireSignedIn(locals.actor);
	const [assignment, sections] = await Promise.all([myEstates(locals.actor), waitingForMe(locals.actor)]);
	return { assignment, sections };
}) satisfies PageServerLoad;
