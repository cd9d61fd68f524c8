import type { PageServerLoad } from './$types';
import { listAudit } from '#lib/server/staff-admin/audit.ts';

export const load = (async ({ locals, url }) => {
	// listAudit checks audit.read and keeps every row within the reader's estates (404 for another estate).
	const q = url.searchParams;
	const before = q.get('before');
	const { entries, next, scope } = await listAudit(locals.actor, {
		before,
		person: q.get('person'),
		group: q.get('group'),
		estate: q.get('estate'),
		from: q.get('from'),
		to: q.get('to')
	});
	return { entries, next, paged: !!before, ...scope };
}) satisfies PageServerLoad;
