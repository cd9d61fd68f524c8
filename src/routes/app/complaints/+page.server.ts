import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { requireResident } from '#lib/server/auth/guards.ts';
import { localizedName } from '#lib/server/dictionaries/localized-name.ts';
import { listMyComplaints } from '#lib/server/complaints/queries.ts';

export const load = (async ({ locals }) => {
	requireResident(locals.actor);
	const locale = getLocale();
	const rows = await listMyComplaints(locals.actor);
	return {
		complaints: rows.map((c) => ({
			id: c.id,
			reference: c.reference,
			kind: localizedName(c.kind, locale),
			state: c.state,
			createdAt: c.createdAt,
			timeZone: c.timeZone,
			where: [[c.buildingName, c.unitNumber].filter(Boolean).join(' '), c.locationDetail].filter(Boolean).join(' · ')
		}))
	};
}) satisfies PageServerLoad;
