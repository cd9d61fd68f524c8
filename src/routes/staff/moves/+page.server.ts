import type { PageServerLoad } from './$types';
import { listMoves } from '#lib/server/moves/queries.ts';
import { can } from '#lib/server/auth/guards.ts';

export const load = (async ({ locals }) => {
	return { rows: await listMoves(locals.actor), canOpen: can(locals.actor, 'moves.manage') };
}) satisfies PageServerLoad;
