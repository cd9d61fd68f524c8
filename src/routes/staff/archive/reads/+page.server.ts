import type { PageServerLoad } from './$types';
import { listArchiveReads } from '#lib/server/archive/read-log.ts';

export const load = (async ({ locals, url }) => {
	const q = url.searchParams;
	const { rows, next, scope } = await listArchiveReads(locals.actor!, {
		estate: q.get('estate'),
		person: q.get('person'),
		what: q.get('what'),
		from: q.get('from'),
		to: q.get('to'),
		before: q.get('before')
	});
	return { rows, next, estates: scope.estates, people: scope.people, filters: scope.filters, timeZone: scope.timeZone };
}) satisfies PageServerLoad;
