import type { PageServerLoad } from './$types';
import { requirePermission } from '#lib/server/auth/actor.ts';
import { listAudit } from '#lib/server/staff-admin/audit.ts';

export const load = (async ({ locals, url }) => {
	requirePermission(locals.actor, 'audit.read');
	const before = url.searchParams.get('before');
	return { ...(await listAudit(locals.actor, before)), paged: !!before };
}) satisfies PageServerLoad;
