import type { PageServerLoad } from './$types';
import { requirePermission } from '#lib/server/auth/actor.ts';
import { listOutbox } from '#lib/server/staff-admin/outbox.ts';

export const load = (async ({ locals, url }) => {
	requirePermission(locals.actor, 'outbox.read');
	const after = url.searchParams.get('after');
	return { ...(await listOutbox(locals.actor, after)), paged: !!after };
}) satisfies PageServerLoad;
