import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { localizedName } from '../dictionaries/localized-name.ts';
import type { CallbackRole } from '../callbacks/shares.ts';
import type { DurationStats, Rate, RepairReport, ReportScope } from './repair-kpis.ts';
import { zip } from './zip.ts';

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

export function callbackRoleName(role: CallbackRole, locale: Locale): string {
	if (role === 'manager') return m.callbacks_role_manager({}, { locale });
	if (role === 'customer_service') return m.callbacks_role_customer_service({}, { locale });
	return m.callbacks_role_engineering_supervisor({}, { locale });
}

/** The statistics page as plain tables, labelled in the reader's language, for CSV and XLSX. */
export function reportTables(report: RepairReport, locale: Locale): ReportTable[] {
	const t = (fn: (inputs: Record<string, never>, options: { locale: Locale }) => string) => fn({}, { locale });
	const { scope, kpis, callbacks, arrivals } = report;
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
			[t(m.visits_report_on_time_export), percent(arrivals)],
			[t(m.visits_report_arrivals), arrivals.of],
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
				callbackRoleName(r.role, locale),
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
	let name =
		title
			.replace(/[:\\/?*[\]]/g, ' ')
			.slice(0, 31)
			.trim() || 'Sheet';
	for (let i = 2; used.has(name); i++) name = `${name.slice(0, 28)} ${i}`;
	used.add(name);
	return name;
}

/** Text as XML character data: markup escaped, and characters XML cannot hold (controls, NUL) left out. */
function xmlText(text: string): string {
	return text
		.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** Column 0 → A, 25 → Z, 26 → AA. */
function columnName(index: number): string {
	let name = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	return name;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** One cell: text inline (so a text starting with = is never a formula), numbers as numbers, the header bold (style 1). */
function cell(value: Cell, ref: string, header: boolean): string {
	if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return '';
	const style = header ? ' s="1"' : '';
	if (typeof value === 'number') return `<c r="${ref}"${style}><v>${value}</v></c>`;
	return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${xmlText(value)}</t></is></c>`;
}

function sheetXml(table: ReportTable): string {
	const rows = [table.columns, ...table.rows];
	const widths = table.columns.map((column, i) =>
		Math.min(60, Math.max(10, Math.max(column.length, ...table.rows.map((row) => String(row[i] ?? '').length)) + 2))
	);
	const cols = widths.map((width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`).join('');
	const data = rows
		.map((row, r) => `<row r="${r + 1}">${row.map((value, c) => cell(value, `${columnName(c)}${r + 1}`, r === 0)).join('')}</row>`)
		.join('');
	// The header row stays in view while scrolling (frozen below row 1).
	return `${XML}<worksheet xmlns="${MAIN}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>${cols}</cols><sheetData>${data}</sheetData></worksheet>`;
}

const STYLES = `${XML}<styleSheet xmlns="${MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/**
 * An XLSX workbook (Office Open XML, SpreadsheetML) with one sheet per table: text is stored inline
 * as text, never as a formula; numbers as numbers; the header row bold and frozen. Written here
 * (with zip.ts) rather than with a spreadsheet library: the exports are a few flat tables, and this
 * is the whole of what they need — exceljs brought 165 packages for it.
 */
export async function reportXlsx(tables: readonly ReportTable[], { title }: { title: string }): Promise<Uint8Array> {
	const used = new Set<string>();
	const names = tables.map((table) => sheetName(table.title, used));
	const sheets = tables.map((table, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheetXml(table) }));
	const overrides = sheets
		.map((s) => `<Override PartName="/${s.name}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
		.join('');
	return zip([
		{
			name: '[Content_Types].xml',
			data: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>${overrides}</Types>`
		},
		{
			name: '_rels/.rels',
			data: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`
		},
		{
			name: 'docProps/core.xml',
			data: `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${xmlText(title)}</dc:title><dc:creator>Lobby</dc:creator></cp:coreProperties>`
		},
		{
			name: 'xl/workbook.xml',
			data: `${XML}<workbook xmlns="${MAIN}" xmlns:r="${RELS}"><sheets>${names.map((name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`
		},
		{
			name: 'xl/_rels/workbook.xml.rels',
			data: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${RELS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="${RELS}/styles" Target="styles.xml"/></Relationships>`
		},
		{ name: 'xl/styles.xml', data: STYLES },
		...sheets
	]);
}

/** A file name like repair-statistics-HVG-2026-11.xlsx (ASCII only, safe in a header). */
export function reportFileName(report: RepairReport, extension: 'csv' | 'xlsx'): string {
	return scopedFileName('repair-statistics', report.scope, extension);
}

/** `<prefix>-<estate code or all-estates>-<month>.<extension>`, ASCII only, safe in a header. */
export function scopedFileName(prefix: string, scope: Pick<ReportScope, 'estateId' | 'selected' | 'month'>, extension: string): string {
	const estate = scope.estateId ? (scope.selected[0]?.code ?? 'estate') : 'all-estates';
	const safe = estate.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'estate';
	return `${prefix}-${safe}-${scope.month}.${extension}`;
}
