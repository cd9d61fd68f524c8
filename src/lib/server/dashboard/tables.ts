/**
 * The dashboard's figures as plain tables in the reader's language: the XLSX export
 * (reports/export.ts) and the monthly PDF (monthly-pdf.ts) both write these, so the file, the
 * printout and the page say the same.
 */
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { caseAges } from '#lib/case-age.ts';
import { money } from '#lib/money/index.ts';
import { localizedName } from '../dictionaries/localized-name.ts';
import { callbackRoleName, type Cell, type ReportTable } from '../reports/export.ts';
import type { DashboardFigures, OpenCases } from './figures.ts';

const percent = (share: number | null): Cell => (share === null ? null : Math.round(share * 1000) / 10);
const round = (value: number | null): Cell => (value === null ? null : Math.round(value * 10) / 10);

export function dashboardTables(figures: DashboardFigures, locale: Locale): ReportTable[] {
	const t = (fn: (inputs: Record<string, never>, options: { locale: Locale }) => string) => fn({}, { locale });
	const ageNames = {
		new: t(m.dashboard_age_new),
		week: t(m.dashboard_age_week),
		old: t(m.dashboard_age_old)
	};
	const { finance, visits, survey, complaintCallbacks: cc } = figures;
	const cases = (title: string, overdue: string, data: OpenCases): ReportTable => ({
		title,
		columns: [t(m.dashboard_kind), ...caseAges.map((age) => ageNames[age]), t(m.dashboard_total), overdue],
		rows: [
			...data.kinds.map((kind) => [localizedName(kind.kind, locale), ...caseAges.map((age) => kind.ages[age]), kind.total, kind.overdue]),
			[t(m.dashboard_total), ...caseAges.map((age) => data.ages[age]), data.total, data.overdue]
		]
	});
	const month = figures.scope.month;
	return [
		{
			title: t(m.dashboard_title),
			columns: [t(m.dashboard_figure), t(m.dashboard_value)],
			rows: [
				[t(m.dashboard_estate), figures.scope.selected.map((e) => e.code).join(', ')],
				[t(m.dashboard_month), month],
				[t(m.dashboard_repairs_open), figures.repairs.total],
				[t(m.dashboard_repairs_overdue), figures.repairs.overdue],
				[t(m.dashboard_complaints_open), figures.complaints.total],
				[t(m.dashboard_complaints_late), figures.complaints.overdue],
				[`${t(m.dashboard_collection_rate)} (%)`, percent(finance.collectionRate)],
				[t(m.dashboard_billed), money(finance.billsMinor, finance.currency, locale)],
				[t(m.dashboard_paid), money(finance.billsPaidMinor, finance.currency, locale)],
				[t(m.dashboard_outstanding), money(finance.outstandingMinor, finance.currency, locale)],
				[t(m.dashboard_renovations), figures.renovationsInWorks],
				[`${t(m.dashboard_survey)}${survey ? ` (${survey.reference})` : ''}`, round(survey?.index ?? null)],
				[`${t(m.dashboard_visits_done)} (${visits.year})`, visits.done],
				[`${t(m.dashboard_visits_planned)} (${visits.year})`, visits.planned],
				[`${t(m.dashboard_visits_held)} (${visits.year})`, visits.held],
				[`${t(m.dashboard_called_back)} (%)`, percent(cc.calledBackShare)],
				[`${t(m.dashboard_in_person)} (%)`, percent(cc.inPersonShare)],
				[m.dashboard_key_accounts_accuracy({ target: figures.keyAccounts.target }, { locale }), figures.keyAccounts.percent]
			]
		},
		cases(t(m.dashboard_repairs_open), t(m.dashboard_repairs_overdue), figures.repairs),
		cases(t(m.dashboard_complaints_open), t(m.dashboard_complaints_late), figures.complaints),
		{
			title: m.dashboard_callbacks({ month }, { locale }),
			columns: [
				t(m.dashboard_estate),
				t(m.dashboard_role),
				t(m.dashboard_count),
				`${t(m.dashboard_share)} (%)`,
				`${t(m.dashboard_target)} (%)`
			],
			rows: figures.callbackShares.estates.flatMap((estate) =>
				estate.roles.map((r) => [estate.estateCode, callbackRoleName(r.role, locale), r.count, percent(r.share), percent(r.target)])
			)
		}
	];
}
