import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { requireResident } from '#lib/server/auth/guards.ts';
import { repairKindName } from '#lib/server/dictionaries/repair-kinds.ts';
import { listMyRepairs } from '#lib/server/repairs/queries.ts';

export const load = (async ({ locals }) => {
	requireResident(locals.actor);
	const locale = getLocale();
	const repairs = await listMyRepairs(locals.actor);
	return {
		repairs: repairs.map((r) => ({
			id: r.id,
			reference: r.reference,
			kindName: repairKindName(r.kind, locale),
			state: r.state,
			createdAt: r.createdAt,
			timeZone: r.timeZone,
			buildingName: r.buildingName,
			unitNumber: r.unitNumber,
			location: r.location,
			locationDetail: r.locationDetail,
			technicianName: r.technicianName
		}))
	};
}) satisfies PageServerLoad;
