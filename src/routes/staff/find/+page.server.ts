import type { PageServerLoad } from './$types';
import { findCaller } from '#lib/server/frontdesk/find.ts';

export const load = (async ({ locals, url }) => ({
	answer: await findCaller(locals.actor!, url.searchParams.get('q'))
})) satisfies PageServerLoad;
