import { m } from '#lib/paraglide/messages.js';
import { minorToDecimal } from '#lib/money/index.ts';
import type { Locale } from '#lib/paraglide/runtime.js';
import type { Cell, ReportTable } from './export.ts';
import type { FinanceMonth, FinanceReport, MismatchKind, ProviderName } from './finance.ts';

/** Money in the workbook: a number of the major unit with two decimals (331.93), exact from minor units. */
const major = (minor: number): number => Number(minorToDecimal(minor));
const percent = (value: number | null): number | null => (value === null ? null : Math.round(value * 1000) / 10);

function providerName(provider: ProviderName | null, locale: Locale): string {
	if (provider === 'counter') return m.finance_provider_counter({}, { locale });
	if (provider === 'stripe') return m.finance_provider_stripe({}, { locale });
	if (provider === 'sandbox') return m.finance_provider_sandbox({}, { locale });
	return m.finance_provider_none({}, { locale });
}

function mismatchName(kind: MismatchKind, locale: Locale): string {
	if (kind === 'missing_ledger') return m.finance_mismatch_missing_ledger({}, { locale });
	if (kind === 'orphan_ledger') return m.finance_mismatch_orphan_ledger({}, { locale });
	if (kind === 'amount_differs') return m.finance_mismatch_amount_differs({}, { locale });
	return m.finance_mismatch_missing_webhook({}, { locale });
}

/** The report page as plain tables in the reader's language, for the XLSX export. */
export function financeTables(report: FinanceReport, locale: Locale): ReportTable[] {
	const t = (fn: (inputs: Record<string, never>, options: { locale: Locale }) => string) => fn({}, { locale });
	const money = (label: string) => `${label} (${report.currency})`;
	const figureColumns = [
		t(m.finance_month),
		money(t(m.finance_billed)),
		money(t(m.finance_collected)),
		money(t(m.finance_adjustments)),
		money(t(m.finance_outstanding)),
		money(t(m.finance_credit)),
		money(t(m.finance_bills_of_month)),
		money(t(m.finance_bills_paid)),
		`${t(m.finance_collection_rate)} (%)`
	];
	const figures = (f: FinanceMonth): Cell[] => [
		f.month,
		major(f.billedMinor),
		major(f.collectedMinor),
		major(f.adjustmentsMinor),
		major(f.outstandingMinor),
		major(f.creditMinor),
		major(f.billsMinor),
		major(f.billsPaidMinor),
		percent(f.collectionRate)
	];
	const { scope, reconciliation: rec } = report;
	return [
		{
			title: t(m.finance_sheet_about),
			columns: [t(m.finance_column_item), t(m.finance_column_value)],
			rows: [
				[t(m.finance_estate), scope.selected.map((e) => `${e.code} ${e.name}`).join('; ')],
				[t(m.finance_range), `${scope.from} – ${scope.to}`],
				[t(m.finance_currency), report.currency],
				[t(m.finance_rec_mismatches), rec.mismatchCount]
			]
		},
		{ title: t(m.finance_sheet_totals), columns: figureColumns, rows: report.totals.map(figures) },
		{
			title: t(m.finance_sheet_estates),
			columns: [t(m.finance_estate), ...figureColumns],
			rows: report.estates.flatMap((e) => e.months.map((f) => [`${e.estate.code} ${e.estate.name}`, ...figures(f)]))
		},
		{
			title: t(m.finance_sheet_reconciliation),
			columns: [
				t(m.finance_day),
				t(m.finance_provider),
				t(m.finance_rec_payments),
				money(t(m.finance_rec_payments_amount)),
				t(m.finance_rec_entries),
				money(t(m.finance_rec_entries_amount)),
				t(m.finance_rec_webhooks),
				t(m.finance_rec_mismatches)
			],
			rows: rec.days.map((d) => [
				d.day,
				providerName(d.provider, locale),
				d.payments,
				major(d.paymentsMinor),
				d.entries,
				major(d.entriesMinor),
				d.provider === 'counter' ? null : d.webhooks,
				d.mismatches
			])
		},
		{
			title: t(m.finance_sheet_mismatches),
			columns: [
				t(m.finance_day),
				t(m.finance_provider),
				t(m.finance_mismatch),
				t(m.finance_unit),
				t(m.finance_reference),
				money(t(m.finance_rec_payment_amount)),
				money(t(m.finance_rec_ledger_amount)),
				t(m.finance_payment_id)
			],
			rows: rec.mismatches.map((x) => [
				x.day,
				providerName(x.provider, locale),
				mismatchName(x.kind, locale),
				x.unit,
				x.reference,
				major(x.amountMinor),
				major(x.ledgerMinor),
				x.paymentId ?? (x.ledgerEntryId !== null ? `#${x.ledgerEntryId}` : '')
			])
		}
	];
}

/** finance-report-HVG-2026-06-2026-11.xlsx (ASCII only, safe in a header). */
export function financeFileName(report: FinanceReport): string {
	const estate = report.scope.estateId ? (report.scope.selected[0]?.code ?? 'estate') : 'all-estates';
	const safe = estate.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'estate';
	return `finance-report-${safe}-${report.scope.from}-${report.scope.to}.xlsx`;
}
