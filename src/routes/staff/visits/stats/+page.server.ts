import type { PageServerLoad } from './$types';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { visitStatistics } from '#lib/server/visits/queries.ts';
import { businessToday, DEFAULT_TIME_ZONE } from '#lib/time/index.ts';

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'visits.manage');
	const asked = Number(url.searchParams.get('year'));
	const year =
		Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : Number(businessToday({ timeZone: DEFAULT_TIME_ZONE }).slice(0, 4));
	return { year, rows: await visitStatistics(locals.actor, year) };
}) satisfies PageServerLoad;
