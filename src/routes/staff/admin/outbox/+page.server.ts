import type { PageServerLoad } from './$types';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { listOutbox } from '#lib/server/staff-admin/outbox.ts';

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'outbox.read');
	const after = url.searchParams.get('after');
	const to = url.searchParams.get('to') ?? '';
	return { ...(await listOutbox(locals.actor, after, to)), paged: !!after, to };
}) satisfies PageServerLoad;
