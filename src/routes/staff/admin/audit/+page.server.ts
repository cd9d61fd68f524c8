import type { PageServerLoad } from './$types';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { listAudit } from '#lib/server/staff-admin/audit.ts';

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'audit.read');
	const before = url.searchParams.get('before');
	return { ...(await listAudit(locals.actor, before)), paged: !!before };
}) satisfies PageServerLoad;
