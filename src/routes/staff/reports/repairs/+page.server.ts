import type { PageServerLoad } from './$types';
import { repairReport } from '#lib/server/reports/repair-kpis.ts';
import { shiftMonth } from '#lib/server/reports/month.ts';

export const load = (async ({ locals, url }) => {
	// repairReport checks repairs.stats and the estate scope (404 for an estate not the actor's).
	const report = await repairReport(locals.actor, { estate: url.searchParams.get('estate'), month: url.searchParams.get('month') });
	const { scope } = report;
	return {
		estates: scope.estates,
		estateId: scope.estateId,
		selected: scope.selected.map((e) => e.code),
		month: scope.month,
		previousMonth: shiftMonth(scope.month, -1),
		nextMonth: shiftMonth(scope.month, 1),
		timeZone: scope.timeZone,
		kpis: report.kpis,
		callbacks: report.callbacks
	};
}) satisfies PageServerLoad;
