/**
 * A one-page A4 record sheet — the work order (工程維修單) today, the complaint record next: a title
 * block, a grid of facts, text blocks, tables, a row of thumbnails, and signature boxes at the foot.
 *
 * Everything goes on ONE page, top to bottom. The foot (signatures and footer) is reserved when the
 * sheet opens; each piece then takes only the room left above it (less what the caller asks to
 * `leave` for the pieces after it) and says what it left out — a text ends in "…" with a note under
 * it, a table names how many rows it did not show — so a long description or a long history never
 * pushes the sheet onto a second page. Callers put pieces in order of importance.
 */
import type { Locale } from '#lib/paraglide/runtime.js';
import { BRAND, BRAND_SOFT, INK, LINE, SOFT, openDocument, type OpenedDocument, type TextStyle, type Writer } from './writer.ts';

const WIDTH = 595.28;
const HEIGHT = 841.89;
const MARGIN = 34;
const TOP = 28;
const RIGHT = WIDTH - MARGIN;
const CONTENT = RIGHT - MARGIN;
const FOOTER_HEIGHT = 22;
const SIGNATURE_HEIGHT = 66;
/** Space between two pieces. */
const GAP = 8;

const HEADING_HEIGHT = 14;
const NOTE_HEIGHT = 11;
const BLANK_LINE = 16;
const ROW_HEIGHT = 14;
const HEADER_HEIGHT = 15;
const CAPTION_HEIGHT = 12;

const LABEL: TextStyle = { size: 7, color: SOFT };
const VALUE: TextStyle = { size: 9 };
const BODY: TextStyle = { size: 8.5 };
const HEADING: TextStyle = { size: 9, bold: true, color: BRAND };
const NOTE: TextStyle = { size: 7, color: SOFT };
const ELLIPSIS = '…';
const LINE_HEIGHT = BODY.size * 1.45;

/**
 * How tall each piece is, for a caller working out what to `leave` for the pieces after one: the
 * same numbers the pieces are drawn with.
 */
export const sheetHeights = {
	/** A text block of `lines` lines (or ruled blank lines), with the note a cut text gets. */
	text: (lines: number, options: { cut?: boolean; blank?: boolean } = {}) =>
		HEADING_HEIGHT + lines * (options.blank ? BLANK_LINE : LINE_HEIGHT) + (options.cut ? NOTE_HEIGHT : 0) + GAP,
	/** A table of `rows` rows, with the note saying how many more there are. */
	table: (rows: number, options: { cut?: boolean } = {}) =>
		HEADING_HEIGHT + HEADER_HEIGHT + rows * ROW_HEIGHT + (options.cut ? NOTE_HEIGHT : 0) + GAP,
	/** A row of thumbnails `height` tall. */
	images: (height: number) => HEADING_HEIGHT + height + CAPTION_HEIGHT + GAP
};

export interface SheetFact {
	label: string;
	value: string;
	/** Columns it spans (default 1). */
	span?: number;
}

export interface SheetColumn {
	label: string;
	/** Its share of the table's width (the shares are added up). */
	share: number;
	align?: 'left' | 'right';
}

export interface SheetSignature {
	label: string;
	dateLabel: string;
	/** Already signed on the record: printed in the box instead of leaving it blank. */
	signed?: string;
}

export interface SheetImage {
	/** JPEG or PNG bytes (small: callers shrink photos first). */
	bytes: Uint8Array;
	caption: string;
}

/** What a piece could not show. */
export interface Shown {
	/** Whether anything was left out (text cut, rows not shown). */
	cut: boolean;
	/** Rows (or lines) left out. */
	omitted: number;
}

interface Placement {
	/** Room to keep free below this piece, for the pieces after it. */
	leave?: number;
}

/** Lines of `text` no wider than `width`: paragraphs kept, blank lines squeezed to one. */
function linesOf(w: Writer, text: string, width: number, style: TextStyle): string[] {
	const paragraphs = text
		.replace(/\r\n?/g, '\n')
		.split(/\n\s*\n+|\n/)
		.map((p) => p.replace(/\s+/g, ' ').trim())
		.filter((p) => p !== '');
	return paragraphs.flatMap((p) => w.wrap(p, width, style));
}

/** `line` shortened until it and an ellipsis fit `width`. */
function withEllipsis(w: Writer, line: string, width: number, style: TextStyle): string {
	const chars = [...line.trimEnd()];
	while (chars.length > 0 && w.width(chars.join('') + ELLIPSIS, style) > width) chars.pop();
	return chars.join('').trimEnd() + ELLIPSIS;
}

/** At most `max` lines of the text in `width`; the last one ends in "…" when the rest is left out. */
function fitLines(w: Writer, text: string, width: number, style: TextStyle, max: number): { lines: string[]; omitted: number } {
	const all = linesOf(w, text, width, style);
	if (all.length <= max) return { lines: all, omitted: 0 };
	if (max <= 0) return { lines: [], omitted: all.length };
	const lines = all.slice(0, max);
	lines[max - 1] = withEllipsis(w, lines[max - 1]!, width, style);
	return { lines, omitted: all.length - max };
}

export class RecordSheet {
	readonly doc: PDFKit.PDFDocument;
	readonly w: Writer;
	private readonly done: Promise<Uint8Array>;
	private readonly signatures: SheetSignature[];
	private readonly footer: { left: string; right: string };
	/** Where the next piece starts. */
	private y = TOP;
	/** The top of the reserved foot. */
	private readonly bottom: number;

	constructor(opened: OpenedDocument, signatures: SheetSignature[], footer: { left: string; right: string }) {
		this.doc = opened.doc;
		this.w = opened.w;
		this.done = opened.done;
		this.signatures = signatures;
		this.footer = footer;
		this.bottom = HEIGHT - TOP - FOOTER_HEIGHT - (signatures.length ? SIGNATURE_HEIGHT + GAP : 0);
		this.doc.addPage({ size: 'A4', margin: 0 });
		this.doc.rect(0, 0, WIDTH, 5).fill(BRAND);
	}

	/** Room left for pieces, above the foot. */
	get room(): number {
		return this.bottom - this.y;
	}

	private roomFor(placement: Placement): number {
		return this.room - (placement.leave ?? 0);
	}

	/** Organisation and title on the left, the record's reference (and what else identifies it) on the right. */
	titleBlock(block: { organisation: string; title: string; reference: string; lines: string[] }): void {
		const { w } = this;
		let y = this.y + 4;
		const referenceWidth = w.width(block.reference, { size: 18, bold: true });
		const sideWidth = Math.max(referenceWidth, ...block.lines.map((line) => w.width(line, { size: 8 })));
		const room = CONTENT - Math.min(sideWidth, CONTENT / 2) - 16;
		w.draw(fitLines(w, block.organisation, room, { size: 9, color: SOFT }, 1).lines[0] ?? '', MARGIN, y, { size: 9, color: SOFT });
		let titleSize = 18;
		while (titleSize > 11 && w.width(block.title, { size: titleSize, bold: true }) > room) titleSize -= 0.5;
		w.draw(block.title, MARGIN, y + 13, { size: titleSize, bold: true, color: BRAND });
		w.draw(block.reference, RIGHT, y - 2, { size: 18, bold: true, align: 'right' });
		let sideY = y + 22;
		for (const line of block.lines) {
			const [text] = fitLines(w, line, CONTENT / 2, { size: 8 }, 1).lines;
			w.draw(text ?? '', RIGHT, sideY, { size: 8, color: SOFT, align: 'right' });
			sideY += 11;
		}
		y = Math.max(y + 40, sideY + 2);
		w.rule(y, BRAND, 1.2);
		this.y = y + GAP;
	}

	/** Facts in a grid of `columns` cells a row: a small label over a value of at most `valueLines` lines. */
	facts(facts: SheetFact[], options: { columns: number; valueLines?: number } & Placement): Shown {
		const { w, doc } = this;
		const columns = Math.max(1, options.columns);
		const cellWidth = CONTENT / columns;
		const maxLines = options.valueLines ?? 2;
		const lineHeight = VALUE.size * 1.35;
		// Rows of cells, a fact spanning several columns taking that many.
		const rows: { fact: SheetFact; column: number; span: number }[][] = [];
		let row: (typeof rows)[number] = [];
		let used = 0;
		for (const fact of facts) {
			const span = Math.min(Math.max(1, fact.span ?? 1), columns);
			if (used + span > columns) {
				rows.push(row);
				row = [];
				used = 0;
			}
			row.push({ fact, column: used, span });
			used += span;
		}
		if (row.length) rows.push(row);

		let y = this.y;
		let omitted = 0;
		let cut = false;
		for (const [index, cells] of rows.entries()) {
			const laid = cells.map((cell) => {
				const width = cell.span * cellWidth - 10;
				const fitted = fitLines(w, cell.fact.value || '—', width, VALUE, maxLines);
				if (fitted.omitted) cut = true;
				return { ...cell, lines: fitted.lines.length ? fitted.lines : ['—'] };
			});
			const height = 4 + 10 + Math.max(...laid.map((cell) => cell.lines.length)) * lineHeight + 3;
			if (y + height > this.y + this.roomFor(options)) {
				omitted = rows.length - index;
				cut = true;
				break;
			}
			for (const cell of laid) {
				const x = MARGIN + cell.column * cellWidth;
				if (cell.column > 0)
					doc
						.save()
						.moveTo(x, y)
						.lineTo(x, y + height)
						.lineWidth(0.5)
						.strokeColor(LINE)
						.stroke()
						.restore();
				w.draw(fitLines(w, cell.fact.label, cell.span * cellWidth - 10, LABEL, 1).lines[0] ?? '', x + 5, y + 4, LABEL);
				let lineY = y + 14;
				for (const line of cell.lines) {
					w.draw(line, x + 5, lineY, VALUE);
					lineY += lineHeight;
				}
			}
			y += height;
			w.rule(y, LINE, 0.5);
		}
		this.y = y + GAP;
		return { cut, omitted };
	}

	private heading(label: string): void {
		this.w.draw(label, MARGIN, this.y, HEADING);
		this.y += HEADING_HEIGHT;
	}

	/**
	 * A heading and a text of at most `maxLines` lines (fewer when the page has less room); cut, it
	 * ends in "…" and `cutNote` is printed under it. Empty, it leaves `blankLines` ruled lines to
	 * write on by hand.
	 */
	text(label: string, text: string, options: { maxLines: number; cutNote: string; blankLines?: number } & Placement): Shown {
		const { w } = this;
		const lineHeight = LINE_HEIGHT;
		const room = this.roomFor(options) - HEADING_HEIGHT - GAP;
		if (room < lineHeight) return { cut: text.trim() !== '', omitted: 0 };
		this.heading(label);
		if (text.trim() === '') {
			const blank = Math.min(options.blankLines ?? 0, Math.floor(room / BLANK_LINE));
			for (let i = 0; i < blank; i++) {
				this.y += BLANK_LINE;
				w.rule(this.y - 3, LINE, 0.5);
			}
			this.y += GAP;
			return { cut: false, omitted: 0 };
		}
		const all = linesOf(w, text, CONTENT, BODY).length;
		// Room for the note under a cut text comes out of the lines.
		let max = Math.min(options.maxLines, Math.floor(room / lineHeight));
		if (all > max) max = Math.min(max, Math.floor((room - NOTE_HEIGHT) / lineHeight));
		const { lines, omitted } = fitLines(w, text, CONTENT, BODY, Math.max(max, 0));
		for (const line of lines) {
			w.draw(line, MARGIN, this.y, BODY);
			this.y += lineHeight;
		}
		if (omitted) {
			w.draw(options.cutNote, MARGIN, this.y, NOTE);
			this.y += NOTE_HEIGHT;
		}
		this.y += GAP;
		return { cut: omitted > 0, omitted };
	}

	/**
	 * A heading and a table of one-line rows (a cell too long ends in "…"). Rows that do not fit
	 * (or beyond `maxRows`) are left out — the last ones, or with `keep: 'last'` the first ones (a
	 * history keeps its latest entries) — and `omittedNote(count)` says how many.
	 */
	table(
		label: string,
		columns: SheetColumn[],
		rows: string[][],
		options: { omittedNote: (count: number) => string; keep?: 'first' | 'last'; maxRows?: number; blankRows?: number } & Placement
	): Shown {
		const { w, doc } = this;
		const rowHeight = ROW_HEIGHT;
		const headerHeight = HEADER_HEIGHT;
		const room = this.roomFor(options) - HEADING_HEIGHT - headerHeight - GAP;
		if (room < rowHeight) return { cut: rows.length > 0, omitted: rows.length };
		const total = columns.reduce((sum, c) => sum + c.share, 0);
		const widths = columns.map((c) => (c.share / total) * CONTENT);
		const lefts = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
		let fit = Math.min(options.maxRows ?? Infinity, Math.floor(room / rowHeight));
		if (rows.length > fit) fit = Math.min(fit, Math.floor((room - NOTE_HEIGHT) / rowHeight));
		fit = Math.max(fit, 0);
		const shown = options.keep === 'last' ? rows.slice(Math.max(rows.length - fit, 0)) : rows.slice(0, fit);
		const omitted = rows.length - shown.length;

		this.heading(label);
		doc.rect(MARGIN, this.y, CONTENT, headerHeight).fill(BRAND_SOFT);
		const cellText = (text: string, i: number, style: TextStyle) => fitLines(w, text, widths[i]! - 8, style, 1).lines[0] ?? '';
		const put = (text: string, i: number, y: number, style: TextStyle) => {
			const column = columns[i]!;
			const x = column.align === 'right' ? lefts[i]! + widths[i]! - 4 : lefts[i]! + 4;
			w.draw(cellText(text, i, style), x, y, { ...style, align: column.align ?? 'left' });
		};
		columns.forEach((column, i) => put(column.label, i, this.y + 3.5, { size: 7.5, bold: true, color: BRAND }));
		this.y += headerHeight;
		const body = shown.length ? shown : Array.from({ length: Math.min(options.blankRows ?? 0, fit) }, () => columns.map(() => ''));
		for (const row of body) {
			row.forEach((text, i) => {
				if (i < columns.length && text) put(text, i, this.y + 3, { size: 8, color: INK });
			});
			this.y += rowHeight;
			w.rule(this.y, LINE, 0.5);
		}
		if (omitted) {
			w.draw(options.omittedNote(omitted), MARGIN, this.y + 2, NOTE);
			this.y += NOTE_HEIGHT;
		}
		this.y += GAP;
		return { cut: omitted > 0, omitted };
	}

	/** A heading and one row of thumbnails (as many as fit across), each framed with a caption. */
	images(label: string, images: SheetImage[], options: { height: number; perRow: number } & Placement): Shown {
		const { w, doc } = this;
		const need = sheetHeights.images(options.height);
		if (images.length === 0 || this.roomFor(options) < need) return { cut: images.length > 0, omitted: images.length };
		this.heading(label);
		const gap = 8;
		const boxWidth = (CONTENT - gap * (options.perRow - 1)) / options.perRow;
		const shown = images.slice(0, options.perRow);
		shown.forEach((image, i) => {
			const x = MARGIN + i * (boxWidth + gap);
			doc.save().rect(x, this.y, boxWidth, options.height).lineWidth(0.5).strokeColor(LINE).stroke().restore();
			try {
				doc.image(Buffer.from(image.bytes), x + 2, this.y + 2, {
					fit: [boxWidth - 4, options.height - 4],
					align: 'center',
					valign: 'center'
				});
			} catch {
				// A photo PDFKit cannot read leaves its frame empty rather than losing the sheet.
			}
			w.draw(fitLines(w, image.caption, boxWidth, NOTE, 1).lines[0] ?? '', x, this.y + options.height + 2, NOTE);
		});
		this.y += options.height + CAPTION_HEIGHT + GAP;
		return { cut: shown.length < images.length, omitted: images.length - shown.length };
	}

	/** Draws the foot (signature boxes, footer) and ends the document: exactly one page. */
	finish(): Promise<Uint8Array> {
		const { w, doc } = this;
		if (this.signatures.length) {
			const top = this.bottom + GAP;
			const gap = 12;
			const boxWidth = (CONTENT - gap * (this.signatures.length - 1)) / this.signatures.length;
			this.signatures.forEach((signature, i) => {
				const x = MARGIN + i * (boxWidth + gap);
				doc.save().rect(x, top, boxWidth, SIGNATURE_HEIGHT).lineWidth(0.75).strokeColor(SOFT).stroke().restore();
				w.draw(fitLines(w, signature.label, boxWidth - 12, { size: 8, bold: true }, 1).lines[0] ?? '', x + 6, top + 5, {
					size: 8,
					bold: true
				});
				if (signature.signed) {
					const { lines } = fitLines(w, signature.signed, boxWidth - 12, BODY, 2);
					lines.forEach((line, n) => w.draw(line, x + 6, top + 20 + n * 12, BODY));
				}
				const lineY = top + SIGNATURE_HEIGHT - 20;
				doc
					.save()
					.moveTo(x + 6, lineY)
					.lineTo(x + boxWidth * 0.62, lineY)
					.lineWidth(0.5)
					.strokeColor(SOFT)
					.stroke()
					.restore();
				const dateX = x + boxWidth * 0.66;
				doc
					.save()
					.moveTo(dateX, lineY)
					.lineTo(x + boxWidth - 6, lineY)
					.lineWidth(0.5)
					.strokeColor(SOFT)
					.stroke()
					.restore();
				w.draw(signature.dateLabel, dateX, lineY + 3, NOTE);
			});
		}
		const footerTop = HEIGHT - TOP - FOOTER_HEIGHT + 8;
		w.rule(footerTop, LINE, 0.5);
		const rightWidth = w.width(this.footer.right, NOTE);
		w.draw(fitLines(w, this.footer.left, CONTENT - rightWidth - 12, NOTE, 1).lines[0] ?? '', MARGIN, footerTop + 4, NOTE);
		w.draw(this.footer.right, RIGHT, footerTop + 4, { ...NOTE, align: 'right' });
		this.doc.end();
		return this.done;
	}
}

/** A new one-page A4 sheet in the reader's language, its foot reserved. */
export async function openRecordSheet(options: {
	locale: Locale;
	info: { Title: string; Author: string; Subject: string; CreationDate: Date };
	signatures: SheetSignature[];
	footer: { left: string; right: string };
}): Promise<RecordSheet> {
	const opened = await openDocument({ size: 'A4', locale: options.locale, box: { left: MARGIN, right: RIGHT }, info: options.info });
	return new RecordSheet(opened, options.signatures, options.footer);
}
