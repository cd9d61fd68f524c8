import type { PageServerLoad } from './$types';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { staffBill } from '#lib/server/fees/staff-bill.ts';

export const load = (async ({ locals, params }) => {
	requireStaff(locals.actor, 'fees.read');
	return { detail: await staffBill(locals.actor, params.id) };
}) satisfies PageServerLoad;
