import type { PageServerLoad } from './$types';
import { can } from '#lib/server/auth/guards.ts';
import { buildingOptions, estateOptions } from '#lib/server/property/estates.ts';
import { listUnits, unitListFilters, UNIT_PAGE_SIZE } from '#lib/server/property/unit-list.ts';

export const load = (async ({ locals, url }) => {
	const filters = unitListFilters(url.searchParams);
	const [page, estates, buildings] = await Promise.all([
		listUnits(locals.actor!, filters),
		estateOptions(locals.actor!),
		buildingOptions(locals.actor!)
	]);
	return { filters, page, estates, buildings, pageSize: UNIT_PAGE_SIZE, canWrite: can(locals.actor, 'registry.write') };
}) satisfies PageServerLoad;
