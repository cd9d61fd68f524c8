/**
 * The monthly statistics for the department head (rule 3: "monthly callback statistics go to the
 * department head"), one estate, A4, in the reader's language: the dashboard's tables
 * (tables.ts — the same as the XLSX export) and the callback shares as bars against their floors,
 * laid out as the app's flowing reports are (pdf/report-pages.ts).
 */
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { openReport, type ReportLook } from '../pdf/report-pages.ts';
import { BRAND, BRAND_SOFT, SOFT } from '../pdf/writer.ts';
import { callbackRoleName, type Cell } from '../reports/export.ts';
import type { DashboardFigures } from './figures.ts';
import { dashboardTables } from './tables.ts';

const DANGER = '#b42318';
/** Set tighter than the survey's report: a summary of one estate's month, on as few pages as it can. */
const TIGHT: ReportLook = { heading: { size: 12.5, above: 12, below: 20 }, rowPad: 3, titleTop: 90 };

const cellText = (cell: Cell) => (cell === null ? '–' : String(cell));

export interface MonthlyPdfInput {
	figures: DashboardFigures;
	locale: Locale;
	/** Already in the reader's language: the estate's name and the month. */
	estateName: string;
	monthName: string;
	/** When the figures were read, written out in the estate's zone. */
	madeAt: string;
}

export async function renderMonthlyPdf({ figures, locale, estateName, monthName, madeAt }: MonthlyPdfInput): Promise<Uint8Array> {
	const title = m.dashboard_pdf_title({}, { locale });
	const subtitle = m.dashboard_pdf_subtitle({ estate: estateName, month: monthName }, { locale });
	const r = await openReport({ locale, info: { Title: `${title} ${subtitle}`, Subject: title }, look: TIGHT });
	const { doc, w, left, right } = r;
	r.banner(title);
	r.paragraph(subtitle, { size: 17, bold: true, leading: 1.3 });
	r.y += 2;
	r.paragraph(m.dashboard_pdf_made({ when: madeAt }, { locale }), { size: 9.5, color: SOFT });

	// Rule 3's shares first: what the department head is sent this for.
	const month = monthName;
	r.heading(m.dashboard_callbacks({ month }, { locale }));
	const labelWidth = 170;
	const barX = left + labelWidth;
	const barWidth = right - barX - 110;
	for (const role of figures.callbackShares.roles) {
		r.room(18);
		w.draw(callbackRoleName(role.role, locale), left, r.y, { size: 9.5 });
		r.bar(barX, r.y + 2, barWidth, 9, role.share, { track: BRAND_SOFT, fill: role.belowFloor ? DANGER : BRAND });
		const targetX = barX + barWidth * role.target;
		doc
			.save()
			.moveTo(targetX, r.y)
			.lineTo(targetX, r.y + 13)
			.lineWidth(1.5)
			.strokeColor('#1a1f1e')
			.stroke()
			.restore();
		const share = role.share === null ? '–' : `${(role.share * 100).toFixed(1)} %`;
		w.draw(`${share} / ${Math.round(role.target * 100)} % (${role.count})`, right, r.y, {
			size: 9.5,
			align: 'right',
			color: role.belowFloor ? DANGER : undefined
		});
		r.y += 18;
	}

	// The summary and the open cases; the shares by role are the bars above (one estate: the same figures).
	for (const table of dashboardTables(figures, locale).slice(0, 3)) {
		r.heading(table.title);
		const count = table.columns.length;
		const first = count > 2 ? 0.34 : 0.7;
		const rest = (1 - first) / Math.max(1, count - 1);
		r.table(
			table.columns.map((label, i) => ({ label, width: i === 0 ? first : rest })),
			table.rows.map((cells) => cells.map(cellText))
		);
	}

	return r.finish(subtitle);
}
