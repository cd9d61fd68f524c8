import type { PageServerLoad } from './$types';
import { requirePermission } from '#lib/server/auth/actor.ts';
import { readOutboxMessage } from '#lib/server/staff-admin/outbox.ts';

export const load = (async ({ locals, params, getClientAddress }) => {
	requirePermission(locals.actor, 'outbox.read');
	return { message: await readOutboxMessage(locals.actor, params.id, getClientAddress()) };
}) satisfies PageServerLoad;
