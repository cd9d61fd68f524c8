/**
 * The manager's dashboard (issue 15): for one estate of the actor's, or all of them, and a month,
 * the figures a manager steers by — each read through the very function of the list it links to,
 * with the link's filter, so that a figure and its list always agree (one rule, once):
 *
 * - open repairs by kind and age, and those past their SLA: the queue's condition (repairs/queries.ts);
 * - open complaints by kind and age, and the late ones: the board's condition (complaints/queries.ts);
 * - callback shares by role against 10/30/60 % (rule 3): the repair statistics (reports/repair-kpis.ts);
 * - complaint callbacks against 10 % / 30 % (rule 4): the complaints' callback board;
 * - collection rate and what is outstanding: the finance report (reports/finance.ts);
 * - renovations in works: the renovation board's "works under way";
 * - the satisfaction index of the latest survey sent: its results (surveys/results.ts);
 * - visits towards the year's plan: the visit statistics (visits/queries.ts);
 * - key-account data accuracy against 98 % (rule 11): the accuracy check (customers/accuracy.ts).
 */
import type { CaseAge } from '#lib/case-age.ts';
import { surveyReference } from '#lib/references.ts';
import type { Month } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { db, type Executor } from '../db/client.ts';
import type { LocalizedNames } from '../dictionaries/localized-name.ts';
import { complaintBreakdown, complaintCallbackBoard } from '../complaints/queries.ts';
import type { ComplaintCallbackShares } from '../complaints/callback-shares.ts';
import type { EstateShares, RoleShare } from '../callbacks/queries.ts';
import { queueBreakdown } from '../repairs/queries.ts';
import { financeReport } from '../reports/finance.ts';
import { repairReport, reportScope, type ReportScope } from '../reports/repair-kpis.ts';
import { renovationBoard } from '../renovations/review-queries.ts';
import { surveyResults } from '../surveys/results.ts';
import { surveyList } from '../surveys/staff.ts';
import { visitStatistics } from '../visits/queries.ts';
import { ACCURACY_TARGET_PERCENT, accuracyFigure, estateAccuracy } from '../customers/accuracy.ts';

/** Open cases of one kind, by age band, with those past their deadline. */
export interface KindAges {
	kindId: string;
	kind: LocalizedNames;
	ages: Record<CaseAge, number>;
	total: number;
	overdue: number;
}

export interface OpenCases {
	total: number;
	/** Past their SLA deadline (repairs) or late (complaints). */
	overdue: number;
	ages: Record<CaseAge, number>;
	kinds: KindAges[];
}

export interface DashboardFigures {
	scope: ReportScope;
	repairs: OpenCases;
	complaints: OpenCases;
	/** Rule 3 per estate (the floors hold per estate), and over the selected estates. */
	callbackShares: { total: number; roles: RoleShare[]; estates: EstateShares[] };
	complaintCallbacks: ComplaintCallbackShares;
	finance: { currency: string; billsMinor: number; billsPaidMinor: number; collectionRate: number | null; outstandingMinor: number };
	renovationsInWorks: number;
	/** The latest survey sent to the selected estates; null when there is none. */
	survey: { id: string; reference: string; responses: number; index: number | null; targetIndex: number } | null;
	visits: { year: number; customers: number; planned: number; done: number; held: number };
	/** The selected estates' key accounts: checks passed of checks made, against the target. */
	keyAccounts: {
		accounts: number;
		failing: number;
		checked: number;
		passed: number;
		percent: number | null;
		meetsTarget: boolean;
		target: number;
	};
}

const noAges = (): Record<CaseAge, number> => ({ new: 0, week: 0, old: 0 });

function openCases(
	rows: readonly { kindId: string; kind: LocalizedNames; sort: number; age: CaseAge; count: number; overdue: number }[]
): OpenCases {
	const kinds = new Map<string, KindAges & { sort: number }>();
	const result: OpenCases = { total: 0, overdue: 0, ages: noAges(), kinds: [] };
	for (const row of rows) {
		let kind = kinds.get(row.kindId);
		if (!kind) kinds.set(row.kindId, (kind = { kindId: row.kindId, kind: row.kind, sort: row.sort, ages: noAges(), total: 0, overdue: 0 }));
		kind.ages[row.age] += row.count;
		kind.total += row.count;
		kind.overdue += row.overdue;
		result.ages[row.age] += row.count;
		result.total += row.count;
		result.overdue += row.overdue;
	}
	result.kinds = [...kinds.values()].sort((a, b) => b.total - a.total || a.sort - b.sort).map(({ sort: _sort, ...kind }) => kind);
	return result;
}

/** The month's year as a number ('2026-11' → 2026). */
const yearOf = (month: Month) => Number(month.slice(0, 4));

/**
 * Every figure of the dashboard for the actor (dashboard.read): one estate of theirs (another is a
 * 404, like a missing one) or all of them (estate null), in a month (default: this one).
 */
export async function dashboardFigures(
	actor: Actor | null | undefined,
	query: { estate?: string | null; month?: string | null },
	{ now = new Date(), executor = db() }: { now?: Date; executor?: Executor } = {}
): Promise<DashboardFigures> {
	const scope = await reportScope(actor, query, { now, executor, permission: 'dashboard.read' });
	const staff = actor!;
	const estateId = scope.estateId;
	const inSelected = (id: string) => scope.selected.some((e) => e.id === id);
	const [repairRows, complaintRows, repairs, complaintBoard, finance, board, survey, visits, accuracy] = await Promise.all([
		queueBreakdown(staff, { estateId, state: 'open' }, { executor, now }),
		complaintBreakdown(staff, { estateId, state: 'open' }, { executor, now }),
		repairReport(staff, { estate: estateId, month: scope.month }, { now, executor }),
		complaintCallbackBoard(staff, scope, executor),
		financeReport(staff, { estate: estateId, from: scope.month, to: scope.month }, { now, executor }),
		renovationBoard(staff, now, { estateId }),
		latestSurvey(staff, scope, now),
		visitStatistics(staff, yearOf(scope.month), now),
		estateAccuracy(
			executor,
			scope.selected.map((e) => e.id),
			now
		)
	]);
	const keyAccounts = accuracy.estates.reduce(
		(total, e) => ({
			accounts: total.accounts + e.accounts,
			failing: total.failing + e.failing,
			checked: total.checked + e.checked,
			passed: total.passed + e.passed
		}),
		{ accounts: 0, failing: 0, checked: 0, passed: 0 }
	);
	const money = finance.totals[0];
	const visitRows = visits.filter((v) => inSelected(v.estate.id));
	const sum = (key: 'customers' | 'planned' | 'done' | 'held') => visitRows.reduce((total, row) => total + row[key], 0);
	return {
		scope,
		repairs: openCases(repairRows),
		complaints: openCases(complaintRows.map((row) => ({ ...row, overdue: row.late }))),
		callbackShares: { total: repairs.callbacks.total, roles: repairs.callbacks.roles, estates: repairs.callbacks.estates },
		complaintCallbacks: complaintBoard.shares,
		finance: {
			currency: finance.currency,
			billsMinor: money?.billsMinor ?? 0,
			billsPaidMinor: money?.billsPaidMinor ?? 0,
			collectionRate: money?.collectionRate ?? null,
			outstandingMinor: money?.outstandingMinor ?? 0
		},
		renovationsInWorks: board.inWorks.length,
		survey,
		visits: { year: yearOf(scope.month), customers: sum('customers'), planned: sum('planned'), done: sum('done'), held: sum('held') },
		keyAccounts: { ...keyAccounts, ...accuracyFigure(keyAccounts.checked, keyAccounts.passed), target: ACCURACY_TARGET_PERCENT }
	};
}

/** The latest survey sent (open or closed) that reached the selected estates, with its index there. */
async function latestSurvey(actor: Actor, scope: ReportScope, now: Date): Promise<DashboardFigures['survey']> {
	const { surveys } = await surveyList(actor);
	const ids = scope.selected.map((e) => e.id);
	const sent = surveys.find(
		(s) => s.state !== 'draft' && (s.audience.estateIds.length === 0 || s.audience.estateIds.some((id) => ids.includes(id)))
	);
	if (!sent) return null;
	const results = await surveyResults(actor, sent.id, now);
	const group = scope.estateId ? results.results.byEstate.find((e) => e.id === scope.estateId) : null;
	const figures = scope.estateId ? group : results.results.overall;
	return {
		id: sent.id,
		reference: surveyReference(sent.seq),
		responses: scope.estateId ? (group?.responses ?? 0) : results.results.responses,
		index: figures?.index ?? null,
		targetIndex: results.results.target.index
	};
}

/** Where each figure leads: the list it was counted from, filtered as it was. */
export function dashboardLinks(figures: Pick<DashboardFigures, 'scope' | 'survey' | 'visits'>) {
	const { estateId, month } = figures.scope;
	const query = (params: Record<string, string>) => {
		const search = new URLSearchParams({ ...(estateId ? { estate: estateId } : {}), ...params }).toString();
		return search ? `?${search}` : '';
	};
	return {
		repairs: (filter: { kind?: string; age?: CaseAge } = {}) => `/staff/repairs${query({ ...filter })}`,
		repairsOverdue: `/staff/repairs${query({ overdue: '1' })}`,
		complaints: (filter: { kind?: string; age?: CaseAge } = {}) => `/staff/complaints${query({ ...filter })}`,
		complaintsLate: `/staff/complaints${query({ late: '1' })}`,
		callbackShares: `/staff/reports/repairs${query({ month })}`,
		complaintCallbacks: `/staff/complaints${query({ month })}`,
		finance: `/staff/reports/finance${query({ from: month, to: month })}`,
		renovations: `/staff/renovations${query({})}#board-works`,
		survey: figures.survey ? `/staff/surveys/${figures.survey.id}/results` : null,
		visits: `/staff/visits/stats?year=${figures.visits.year}`,
		keyAccounts: `/staff/customers/accuracy${query({})}`
	};
}
