import type { PageServerLoad } from './$types';
import { listStaff } from '#lib/server/staff-admin/staff.ts';
import { requirePermission } from '#lib/server/auth/actor.ts';

export const load = (async ({ locals }) => {
	requirePermission(locals.actor, 'staff.manage');
	return { staff: await listStaff(locals.actor) };
}) satisfies PageServerLoad;
