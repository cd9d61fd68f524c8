import type { PageServerLoad } from './$types';
import { can, requireSignedIn } from '#lib/server/auth/guards.ts';
import { myEstates } from '#lib/server/staff-admin/assignments.ts';
import { waitingForMe } from '#lib/server/staff-home/home.ts';

export const load = (async ({ locals }) => {
	requireSignedIn(locals.actor);
	const [assignment, sections] = await Promise.all([myEstates(locals.actor), waitingForMe(locals.actor)]);
	// Managers see their dashboard first: one link above what waits for them.
	return { assignment, sections, dashboard: can(locals.actor, 'dashboard.read') };
}) satisfies PageServerLoad;
