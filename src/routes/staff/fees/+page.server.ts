import type { PageServerLoad } from './$types';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { actorEstates } from '#lib/server/property/estates.ts';
import { billListFilter, billListSearch, staffBills } from '#lib/server/fees/staff-bills.ts';

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'fees.read');
	const filter = billListFilter(url.searchParams);
	const [page, estates] = await Promise.all([staffBills(locals.actor, filter), actorEstates(locals.actor)]);
	return {
		filter,
		estates,
		...page,
		firstHref: filter.after ? billListSearch(filter, null) : null,
		nextHref: page.next ? billListSearch(filter, page.next) : null
	};
}) satisfies PageServerLoad;
