import type { PageServerLoad } from './$types';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { accuracyPage } from '#lib/server/customers/accuracy-page.ts';

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'customers.accuracy');
	return accuracyPage(locals.actor, url.searchParams.get('estate'));
}) satisfies PageServerLoad;
