import type { PageServerLoad } from './$types';
import { addMonths } from '#lib/time/index.ts';
import { caseAges } from '#lib/case-age.ts';
import { dashboardFigures, dashboardLinks, type OpenCases } from '#lib/server/dashboard/figures.ts';

/** Each kind's counts with the link of every cell: the list filtered by kind and age. */
function withLinks(cases: OpenCases, list: (filter?: { kind?: string; age?: (typeof caseAges)[number] }) => string) {
	return {
		...cases,
		href: list(),
		ageLinks: caseAges.map((age) => ({ age, count: cases.ages[age], href: list({ age }) })),
		kinds: cases.kinds.map((kind) => ({
			...kind,
			href: list({ kind: kind.kindId }),
			cells: caseAges.map((age) => ({ age, count: kind.ages[age], href: list({ kind: kind.kindId, age }) }))
		}))
	};
}

export const load = (async ({ locals, url }) => {
	// dashboardFigures checks dashboard.read and the estate scope (404 for an estate not the actor's).
	const figures = await dashboardFigures(locals.actor, { estate: url.searchParams.get('estate'), month: url.searchParams.get('month') });
	const { scope } = figures;
	const links = dashboardLinks(figures);
	return {
		estates: scope.estates.map(({ id, code, name }) => ({ id, code, name })),
		estateId: scope.estateId,
		selected: scope.selected.map((e) => e.code),
		month: scope.month,
		previousMonth: addMonths(scope.month, -1),
		nextMonth: addMonths(scope.month, 1),
		repairs: withLinks(figures.repairs, links.repairs),
		complaints: withLinks(figures.complaints, links.complaints),
		callbackShares: figures.callbackShares,
		complaintCallbacks: figures.complaintCallbacks,
		finance: figures.finance,
		renovationsInWorks: figures.renovationsInWorks,
		survey: figures.survey,
		visits: figures.visits,
		keyAccounts: figures.keyAccounts,
		links: {
			repairsOverdue: links.repairsOverdue,
			complaintsLate: links.complaintsLate,
			callbackShares: links.callbackShares,
			complaintCallbacks: links.complaintCallbacks,
			finance: links.finance,
			renovations: links.renovations,
			survey: links.survey,
			visits: links.visits,
			keyAccounts: links.keyAccounts
		}
	};
}) satisfies PageServerLoad;
