import type { PageServerLoad } from './$types';
import { residentMoves } from '#lib/server/moves/queries.ts';

export const load = (async ({ locals }) => ({ rows: await residentMoves(locals.actor) })) satisfies PageServerLoad;
