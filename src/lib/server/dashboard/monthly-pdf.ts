/**
 * The monthly statistics for the department head (rule 3: "monthly callback statistics go to the
 * department head"), one estate, A4, in the reader's language: the dashboard's tables
 * (tables.ts — the same as the XLSX export) and the callback shares as bars against their floors,
 * drawn with the shared PDF writer (pdf/writer.ts).
 */
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { BRAND, BRAND_SOFT, SOFT, openDocument } from '../pdf/writer.ts';
import { callbackRoleName, type Cell } from '../reports/export.ts';
import type { DashboardFigures } from './figures.ts';
import { dashboardTables } from './tables.ts';

const WIDTH = 595.28;
const HEIGHT = 841.89;
const MARGIN = 48;
const RIGHT = WIDTH - MARGIN;
const BOTTOM = HEIGHT - 56;
const DANGER = '#b42318';

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
	const { doc, w, done } = await openDocument({
		size: 'A4',
		locale,
		box: { left: MARGIN, right: RIGHT },
		info: { Title: `${title} ${subtitle}`, Author: m.receipts_company({}, { locale: 'en' }), Subject: title, CreationDate: new Date() }
	});
	let y = 0;
	const newPage = () => {
		doc.addPage({ size: 'A4', margin: 0 });
		y = MARGIN;
	};
	const room = (needed: number) => {
		if (y + needed > BOTTOM) newPage();
	};
	const heading = (label: string) => {
		room(60);
		y += 12;
		w.draw(label, MARGIN, y, { size: 12.5, bold: true, color: BRAND });
		y += 20;
		w.rule(y - 4);
	};

	newPage();
	doc.rect(0, 0, WIDTH, 70).fill(BRAND);
	w.draw(m.receipts_company({}, { locale }), MARGIN, 18, { size: 15, bold: true, color: '#ffffff' });
	w.draw(title, MARGIN, 42, { size: 10, color: '#ffffff' });
	y = 90;
	y = w.paragraph(subtitle, MARGIN, y, RIGHT - MARGIN, { size: 17, bold: true, leading: 1.3 });
	y = w.paragraph(m.dashboard_pdf_made({ when: madeAt }, { locale }), MARGIN, y + 2, RIGHT - MARGIN, { size: 9.5, color: SOFT });

	// Rule 3's shares first: what the department head is sent this for.
	const month = monthName;
	heading(m.dashboard_callbacks({ month }, { locale }));
	const labelWidth = 170;
	const barX = MARGIN + labelWidth;
	const barWidth = RIGHT - barX - 110;
	for (const role of figures.callbackShares.roles) {
		room(18);
		w.draw(callbackRoleName(role.role, locale), MARGIN, y, { size: 9.5 });
		doc
			.save()
			.rect(barX, y + 2, barWidth, 9)
			.fill(BRAND_SOFT)
			.restore();
		if (role.share)
			doc
				.save()
				.rect(barX, y + 2, barWidth * Math.min(1, role.share), 9)
				.fill(role.belowFloor ? DANGER : BRAND)
				.restore();
		const targetX = barX + barWidth * role.target;
		doc
			.save()
			.moveTo(targetX, y)
			.lineTo(targetX, y + 13)
			.lineWidth(1.5)
			.strokeColor('#1a1f1e')
			.stroke()
			.restore();
		const share = role.share === null ? '–' : `${(role.share * 100).toFixed(1)} %`;
		w.draw(`${share} / ${Math.round(role.target * 100)} % (${role.count})`, RIGHT, y, {
			size: 9.5,
			align: 'right',
			color: role.belowFloor ? DANGER : undefined
		});
		y += 18;
	}

	// The summary and the open cases; the shares by role are the bars above (one estate: the same figures).
	for (const table of dashboardTables(figures, locale).slice(0, 3)) {
		heading(table.title);
		const count = table.columns.length;
		const first = count > 2 ? 0.34 : 0.7;
		const rest = (1 - first) / Math.max(1, count - 1);
		const xs = table.columns.map((_, i) => MARGIN + (i === 0 ? 0 : (first + rest * (i - 1)) * (RIGHT - MARGIN)));
		const widthOf = (i: number) => (i === 0 ? first : rest) * (RIGHT - MARGIN) - 8;
		const row = (cells: Cell[], style: { bold?: boolean; color?: string }) => {
			// Every cell wraps within its column (a long heading takes two lines rather than running into the next).
			const lines = cells.map((cell, i) => w.wrap(cellText(cell), widthOf(i), { size: 9.5, bold: style.bold }));
			const height = Math.max(1, ...lines.map((l) => l.length)) * 13 + 3;
			room(height);
			lines[0]!.forEach((line, i) => w.draw(line, xs[0]!, y + i * 13, { size: 9.5, ...style }));
			lines
				.slice(1)
				.forEach((cellLines, i) =>
					cellLines.forEach((line, j) => w.draw(line, (xs[i + 2] ?? RIGHT) - 6, y + j * 13, { size: 9.5, align: 'right', ...style }))
				);
			y += height;
		};
		row(table.columns, { bold: true, color: SOFT });
		for (const cells of table.rows) row(cells, {});
	}

	const range = doc.bufferedPageRange();
	for (let i = 0; i < range.count; i++) {
		doc.switchToPage(range.start + i);
		w.draw(`${subtitle} · ${i + 1} / ${range.count}`, RIGHT, HEIGHT - 36, { size: 8, color: SOFT, align: 'right' });
	}
	doc.end();
	return done;
}
