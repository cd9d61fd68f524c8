import type { PageServerLoad } from './$types';
import { myNotices } from '#lib/server/notices/resident.ts';

/** The resident's current notices, pinned first, then newest. */
export const load = (async ({ locals }) => ({ notices: await myNotices(locals.actor) })) satisfies PageServerLoad;
