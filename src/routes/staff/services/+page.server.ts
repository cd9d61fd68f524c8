import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { serviceDepartments, type ServiceDepartment } from '#lib/schemas/service-applications.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { localizedName } from '#lib/server/dictionaries/localized-name.ts';
import { actorEstates } from '#lib/server/property/estates.ts';
import { applicationQueue, queueDepartments, queueStates } from '#lib/server/service-applications/queries.ts';
import type { ServiceApplicationState } from '#lib/server/service-applications/machine.ts';

/** The queue's query string; unknown values are dropped rather than refused. */
function queueParams(params: URLSearchParams) {
	const department = params.get('department') ?? '';
	const state = params.get('state') ?? '';
	return {
		estate: (params.get('estate') ?? '').slice(0, 40),
		department: (serviceDepartments as readonly string[]).includes(department) ? (department as ServiceDepartment) : undefined,
		state: (queueStates as readonly string[]).includes(state) ? (state as ServiceApplicationState) : undefined
	};
}

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'services.read');
	const params = queueParams(url.searchParams);
	const locale = getLocale();
	const [estates, rows] = await Promise.all([
		actorEstates(locals.actor),
		applicationQueue(locals.actor, { estateId: params.estate || undefined, department: params.department, state: params.state })
	]);
	return {
		params: { estate: params.estate, department: params.department ?? '', state: params.state ?? '' },
		estates,
		departments: queueDepartments(locals.actor),
		states: queueStates,
		rows: rows.map((r) => ({
			id: r.id,
			reference: r.reference,
			kind: localizedName(r.kind, locale),
			state: r.state,
			department: r.department,
			place: `${r.estateName} · ${r.buildingName} ${r.unitNumber}`,
			createdAt: r.createdAt,
			requestedFor: r.requestedFor,
			timeZone: r.timeZone
		}))
	};
}) satisfies PageServerLoad;
