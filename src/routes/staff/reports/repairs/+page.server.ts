import type { PageServerLoad } from './$types';
import { addMonths } from '#lib/time/index.ts';
import { repairReport } from '#lib/server/reports/repair-kpis.ts';

export const load = (async ({ locals, url }) => {
	// repairReport checks repairs.stats and the estate scope (404 for an estate not the actor's).
	const report = await repairReport(locals.actor, { estate: url.searchParams.get('estate'), month: url.searchParams.get('month') });
	const { scope } = report;
	return {
		estates: scope.estates.map(({ id, code, name }) => ({ id, code, name })),
		estateId: scope.estateId,
		selected: scope.selected.map((e) => e.code),
		month: scope.month,
		previousMonth: addMonths(scope.month, -1),
		nextMonth: addMonths(scope.month, 1),
		timeZones: scope.timeZones,
		kpis: report.kpis,
		callbacks: report.callbacks,
		arrivals: report.arrivals
	};
}) satisfies PageServerLoad;
