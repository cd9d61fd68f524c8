import type { PageServerLoad } from './$types';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { readOutboxMessage } from '#lib/server/staff-admin/outbox.ts';

export const load = (async ({ locals, params, getClientAddress }) => {
	requireStaff(locals.actor, 'outbox.read');
	return { message: await readOutboxMessage(locals.actor, params.id, getClientAddress()) };
}) satisfies PageServerLoad;
