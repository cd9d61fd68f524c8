import type { PageServerLoad } from './$types';
import { financeReport } from '#lib/server/reports/finance.ts';

export const load = (async ({ locals, url }) => {
	// financeReport checks fees.read and the estate scope (404 for an estate not the actor's).
	const q = url.searchParams;
	const report = await financeReport(locals.actor, { estate: q.get('estate'), from: q.get('from'), to: q.get('to') });
	const { scope } = report;
	return {
		estates: scope.estates,
		estateId: scope.estateId,
		selected: scope.selected.map((e) => e.code),
		from: scope.from,
		to: scope.to,
		currency: report.currency,
		totals: report.totals,
		byEstate: report.estates.map((e) => ({ id: e.estate.id, code: e.estate.code, name: e.estate.name, months: e.months })),
		reconciliation: report.reconciliation
	};
}) satisfies PageServerLoad;
