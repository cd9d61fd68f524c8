import type { PageServerLoad } from './$types';
import { listStaff } from '#lib/server/staff-admin/staff.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';

export const load = (async ({ locals }) => {
	requireStaff(locals.actor, 'staff.manage');
	return { staff: await listStaff(locals.actor) };
}) satisfies PageServerLoad;
