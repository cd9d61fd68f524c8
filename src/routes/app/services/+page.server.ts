import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { requireResident } from '#lib/server/auth/guards.ts';
import { localizedName } from '#lib/server/dictionaries/localized-name.ts';
import { listMyApplications } from '#lib/server/service-applications/queries.ts';

export const load = (async ({ locals }) => {
	requireResident(locals.actor);
	const locale = getLocale();
	const rows = await listMyApplications(locals.actor);
	return {
		applications: rows.map((a) => ({
			id: a.id,
			reference: a.reference,
			kind: localizedName(a.kind, locale),
			state: a.state,
			place: `${a.buildingName} ${a.unitNumber}`,
			createdAt: a.createdAt,
			requestedFor: a.requestedFor,
			timeZone: a.timeZone
		}))
	};
}) satisfies PageServerLoad;
