/**
 * A report that runs over as many A4 pages as it needs — the dashboard's monthly statistics, a
 * survey's report: the brand's band on the first page, headings with a rule under them, tables
 * (the first column text, the others figures, right-aligned), bars, and each page's number at its
 * foot, drawn once the count is known. It keeps where the pen is (`y`); a piece that does not fit
 * in what is left of the page starts a new one.
 */
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { BRAND, BRAND_SOFT, SOFT, openDocument, type TextStyle, type Writer } from './writer.ts';

const WIDTH = 595.28;
const HEIGHT = 841.89;
const MARGIN = 48;
const RIGHT = WIDTH - MARGIN;
const BOTTOM = HEIGHT - 56;
const BAND = 70;
const CELL: TextStyle = { size: 9.5 };
const CELL_LINE = 13;
const WHITE = '#ffffff';

/** How tightly a report is set: its headings, the room a table row leaves under its text, where the title starts. */
export interface ReportLook {
	heading: { size: number; above: number; below: number };
	rowPad: number;
	titleTop: number;
}

/** The survey report's; the monthly statistics are set a little tighter (monthly-pdf.ts). */
const LOOK: ReportLook = { heading: { size: 13, above: 14, below: 22 }, rowPad: 4, titleTop: 92 };

export interface ReportColumn {
	label: string;
	/** A fraction of the width between the margins. */
	width: number;
}

export class ReportPages {
	/** Where the pen is: the top of the next line. */
	y = 0;
	readonly left = MARGIN;
	readonly right = RIGHT;
	readonly width = RIGHT - MARGIN;

	readonly doc: PDFKit.PDFDocument;
	readonly w: Writer;
	private readonly locale: Locale;
	private readonly look: ReportLook;
	private readonly done: Promise<Uint8Array>;

	constructor(doc: PDFKit.PDFDocument, w: Writer, locale: Locale, look: ReportLook, done: Promise<Uint8Array>) {
		this.doc = doc;
		this.w = w;
		this.locale = locale;
		this.look = look;
		this.done = done;
	}

	newPage(): void {
		this.doc.addPage({ size: 'A4', margin: 0 });
		this.y = MARGIN;
	}

	/** A new page unless `needed` points still fit above the foot of this one. */
	room(needed: number): void {
		if (this.y + needed > BOTTOM) this.newPage();
	}

	/** The first page, under the brand's band: the company, the report's name and (on the right) its reference. */
	banner(title: string, reference?: string): void {
		this.newPage();
		this.doc.rect(0, 0, WIDTH, BAND).fill(BRAND);
		this.w.draw(m.receipts_company({}, { locale: this.locale }), MARGIN, 18, { size: 15, bold: true, color: WHITE });
		this.w.draw(title, MARGIN, 42, { size: 10, color: WHITE });
		if (reference) this.w.draw(reference, RIGHT, 26, { size: 12, bold: true, color: WHITE, align: 'right' });
		this.y = this.look.titleTop;
	}

	heading(label: string): void {
		const { size, above, below } = this.look.heading;
		this.room(60);
		this.y += above;
		this.w.draw(label, MARGIN, this.y, { size, bold: true, color: BRAND });
		this.y += below;
		this.w.rule(this.y - 4);
	}

	/** Wrapped text across the page, from the pen down. */
	paragraph(text: string, style: TextStyle & { leading?: number }): void {
		this.y = this.w.paragraph(text, MARGIN, this.y, this.width, style);
	}

	/** A table: a row of headings, then the rows, `flagged` ones on a tint; every cell wraps within its column. */
	table(columns: ReportColumn[], rows: string[][], flagged: boolean[] = []): void {
		const xs: number[] = [];
		let x = MARGIN;
		for (const column of columns) {
			xs.push(x);
			x += column.width * this.width;
		}
		const row = (cells: string[], style: { bold?: boolean; color?: string }, tinted: boolean) => {
			const lines = cells.map((cell, i) => this.w.wrap(cell, (columns[i]?.width ?? 0) * this.width - 8, { ...CELL, bold: style.bold }));
			const height = Math.max(1, ...lines.map((l) => l.length)) * CELL_LINE + this.look.rowPad;
			this.room(height);
			if (tinted)
				this.doc
					.save()
					.rect(MARGIN - 4, this.y - 2, this.width + 8, height)
					.fill(BRAND_SOFT)
					.restore();
			lines.forEach((cellLines, i) =>
				cellLines.forEach((line, j) => {
					// The first column reads from the left; a figure ends at the next column's start.
					if (i === 0) this.w.draw(line, xs[0]!, this.y + j * CELL_LINE, { ...CELL, ...style });
					else this.w.draw(line, (xs[i + 1] ?? RIGHT) - 6, this.y + j * CELL_LINE, { ...CELL, align: 'right', ...style });
				})
			);
			this.y += height;
		};
		row(
			columns.map((c) => c.label),
			{ bold: true, color: SOFT },
			false
		);
		rows.forEach((cells, i) => row(cells, {}, flagged[i] ?? false));
	}

	/** A bar's track and, over it, the share (0 to 1; more is drawn full) filled. */
	bar(x: number, top: number, width: number, height: number, share: number | null, colors: { track: string; fill: string }): void {
		this.doc.save().rect(x, top, width, height).fill(colors.track).restore();
		if (share)
			this.doc
				.save()
				.rect(x, top, width * Math.min(1, share), height)
				.fill(colors.fill)
				.restore();
	}

	/** Numbers every page at its foot after `label`, ends the document and gives its bytes. */
	finish(label: string): Promise<Uint8Array> {
		const range = this.doc.bufferedPageRange();
		for (let i = 0; i < range.count; i++) {
			this.doc.switchToPage(range.start + i);
			this.w.draw(`${label} · ${i + 1} / ${range.count}`, RIGHT, HEIGHT - 36, { size: 8, color: SOFT, align: 'right' });
		}
		this.doc.end();
		return this.done;
	}
}

/** A new A4 report in the reader's language, by the company; its first page comes with `banner`. */
export async function openReport(options: {
	locale: Locale;
	info: { Title: string; Subject: string };
	look?: ReportLook;
}): Promise<ReportPages> {
	const { doc, w, done } = await openDocument({
		size: 'A4',
		locale: options.locale,
		box: { left: MARGIN, right: RIGHT },
		info: { ...options.info, Author: m.receipts_company({}, { locale: 'en' }), CreationDate: new Date() }
	});
	return new ReportPages(doc, w, options.locale, options.look ?? LOOK, done);
}
