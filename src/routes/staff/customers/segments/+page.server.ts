import type { PageServerLoad } from './$types';
import { segmentList } from '#lib/server/customers/segments.ts';

/** The segments, or the archived ones (?archived=1). */
export const load = (async ({ locals, url }) => {
	const archived = url.searchParams.get('archived') === '1';
	return { archived, segments: await segmentList(locals.actor, { archived }) };
}) satisfies PageServerLoad;
