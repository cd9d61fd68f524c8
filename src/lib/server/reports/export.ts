import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { localizedName } from '../dictionaries/localized-name.ts';
import type { CallbackRole } from '../callbacks/shares.ts';
import type { DurationStats, Rate, RepairReport } from './repair-kpis.ts';

export type Cell = string | number | null;

export interface ReportTable {
	/** Sheet name in the workbook, title line in the CSV. */
	title: string;
	columns: string[];
	rows: Cell[][];
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const hours = (seconds: number | null) => (seconds === null ? null : round(seconds / 3600, 2));
const percent = (r: Rate | number | null) => {
	const value = typeof r === 'number' || r === null ? r : r.rate;
	return value === null ? null : round(value * 100, 1);
};
const average = (value: number | null) => (value === null ? null : round(value, 2));

export function roleName(role: CallbackRole, locale: Locale): string {
	if (role === 'manager') return m.callbacks_role_manager({}, { locale });
	if (role === 'customer_service') return m.callbacks_role_customer_service({}, { locale });
	return m.callbacks_role_engineering_supervisor({}, { locale });
}

/** The statistics page as plain tables, labelled in the reader's language, for CSV and XLSX. */
export function reportTables(report: RepairReport, locale: Locale): ReportTable[] {
	const t = (fn: (inputs: Record<string, never>, options: { locale: Locale }) => string) => fn({}, { locale });
	const { scope, kpis, callbacks } = report;
	const duration = (label: string, stats: DurationStats): Cell[][] => [
		[`${label} · ${t(m.reports_median_hours)}`, hours(stats.medianSeconds)],
		[`${label} · ${t(m.reports_average_hours)}`, hours(stats.averageSeconds)],
		[`${label} · ${t(m.reports_measured_orders)}`, stats.count]
	];
	const summary: ReportTable = {
		title: t(m.reports_sheet_summary),
		columns: [t(m.reports_column_metric), t(m.reports_column_value)],
		rows: [
			[t(m.reports_estate), scope.selected.map((e) => `${e.code} ${e.name}`).join('; ')],
			[t(m.reports_month), scope.month],
			[t(m.reports_orders), kpis.orders],
			[t(m.reports_orders_open), kpis.open],
			[t(m.reports_orders_done), kpis.done],
			[t(m.reports_orders_cancelled), kpis.cancelled],
			...duration(t(m.reports_first_response), kpis.firstResponse),
			...duration(t(m.reports_completion_time), kpis.completion),
			[`${t(m.reports_response_sla)} (%)`, percent(kpis.responseSla)],
			[`${t(m.reports_completion_sla)} (%)`, percent(kpis.completionSla)],
			[`${t(m.reports_first_time_fix)} (%)`, percent(kpis.firstTimeFix)],
			[t(m.reports_ratings_count), kpis.satisfaction.count],
			[t(m.reports_rating_overall), average(kpis.satisfaction.overall)],
			[t(m.reports_rating_speed), average(kpis.satisfaction.speed)],
			[t(m.reports_rating_technician), average(kpis.satisfaction.technician)],
			[t(m.reports_callbacks_total), callbacks.total],
			[t(m.reports_callbacks_done), callbacks.done],
			[t(m.reports_callbacks_on_time), callbacks.onTime],
			[t(m.reports_callbacks_late), callbacks.late],
			[t(m.reports_callbacks_overdue), callbacks.overdue],
			[t(m.reports_callbacks_pending), callbacks.pending],
			[t(m.reports_callbacks_problems), callbacks.problems],
			[t(m.reports_callbacks_service_average), average(callbacks.serviceAverage)],
			[t(m.reports_rectifications_issued), callbacks.rectifications.issued],
			[t(m.reports_rectifications_resolved), callbacks.rectifications.resolved],
			[t(m.reports_rectifications_on_time), callbacks.rectifications.resolvedOnTime],
			[t(m.reports_rectifications_open_overdue), callbacks.rectifications.openOverdue],
			[t(m.reports_evaluations_count), callbacks.evaluations.count],
			[t(m.reports_evaluations_service), average(callbacks.evaluations.serviceAverage)],
			[t(m.reports_evaluations_work_ok), callbacks.evaluations.workOk],
			[t(m.reports_evaluations_charges_ok), callbacks.evaluations.chargesOk]
		]
	};
	const byKind: ReportTable = {
		title: t(m.reports_sheet_kinds),
		columns: [t(m.reports_column_kind), t(m.reports_column_code), t(m.reports_orders), t(m.reports_orders_done)],
		rows: kpis.byKind.map((k) => [localizedName(k, locale), k.code, k.orders, k.done])
	};
	const shares: ReportTable = {
		title: t(m.reports_sheet_shares),
		columns: [
			t(m.reports_estate),
			t(m.reports_column_role),
			t(m.reports_callbacks_total),
			`${t(m.reports_column_share)} (%)`,
			`${t(m.reports_column_target)} (%)`,
			t(m.reports_column_below_floor)
		],
		rows: callbacks.estates.flatMap((estate) =>
			estate.roles.map((r) => [
				`${estate.estateCode} ${estate.estateName}`,
				roleName(r.role, locale),
				r.count,
				percent(r.share),
				percent(r.target),
				r.belowFloor ? t(m.reports_yes) : t(m.reports_no)
			])
		)
	};
	return [summary, byKind, shares];
}

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (starting with = + - @, or a tab
 * or carriage return that some programs skip before one) gets a leading apostrophe; text with a
 * comma, quote or line break is quoted, quotes doubled.
 */
export function csvCell(value: Cell): string {
	if (value === null) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	let text = value;
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The tables one after another (title line, header, rows, blank line), UTF-8 with a BOM for Excel. */
export function reportCsv(tables: readonly ReportTable[]): string {
	const lines: string[] = [];
	for (const table of tables) {
		if (lines.length) lines.push('');
		lines.push(csvCell(table.title));
		lines.push(table.columns.map(csvCell).join(','));
		for (const row of table.rows) lines.push(row.map(csvCell).join(','));
	}
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string, used: Set<string>): string {
	let name = title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim() || 'Sheet';
	for (let i = 2; used.has(name); i++) name = `${name.slice(0, 28)} ${i}`;
	used.add(name);
	return name;
}

/** An XLSX workbook with one sheet per table; text is stored as text, never as a formula. */
export async function reportXlsx(tables: readonly ReportTable[], { title }: { title: string }): Promise<Uint8Array> {
	const { default: ExcelJS } = await import('exceljs');
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Lobby';
	workbook.title = title;
	workbook.created = new Date();
	const used = new Set<string>();
	for (const table of tables) {
		const sheet = workbook.addWorksheet(sheetName(table.title, used));
		const header = sheet.addRow(table.columns);
		header.font = { bold: true };
		for (const row of table.rows) sheet.addRow(row.map((cell) => (cell === null ? null : cell)));
		table.columns.forEach((column, index) => {
			const widest = Math.max(column.length, ...table.rows.map((row) => String(row[index] ?? '').length));
			sheet.getColumn(index + 1).width = Math.min(60, Math.max(10, widest + 2));
		});
		sheet.views = [{ state: 'frozen', ySplit: 1 }];
	}
	const buffer = await workbook.xlsx.writeBuffer();
	return new Uint8Array(buffer as ArrayBuffer);
}

/** A file name like repair-statistics-HVG-2026-11.xlsx (ASCII only, safe in a header). */
export function reportFileName(report: RepairReport, extension: 'csv' | 'xlsx'): string {
	const estate = report.scope.estateId ? (report.scope.selected[0]?.code ?? 'estate') : 'all-estates';
	const safe = estate.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'estate';
	return `repair-statistics-${safe}-${report.scope.month}.${extension}`;
}
