import type { PageServerLoad } from './$types';
import { ownFollowUps } from '#lib/server/visits/queries.ts';

/** The visits' follow-ups the reader owes an answer to (any department), due first. */
export const load = (async ({ locals }) => ({ followUps: await ownFollowUps(locals.actor) })) satisfies PageServerLoad;
