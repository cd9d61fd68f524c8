/**
 * A payment receipt (收據) as an A5 PDF, in the reader's language first and English second.
 *
 * Drawn with PDFKit; Chinese and Latin text use Noto Sans HK / SC from npm packages (see
 * fonts.ts), embedded as subsets. Text that the reader's face cannot draw (a simplified name on a
 * traditional receipt, say) falls back to the other face character by character.
 * Amounts are integer minor units throughout.
 */
import PDFDocument from 'pdfkit';
import type { Locale } from '#lib/paraglide/runtime.js';
import { loadFace, type Face, type LoadedFace, type Weight } from './fonts.ts';
import { moneyWithCode } from '#lib/money/index.ts';
import { numericDateTime } from '#lib/time/index.ts';
import { receiptLabels, receiptLanguages, type ReceiptLabels } from './labels.ts';

export interface ReceiptLine {
	nameEn: string;
	nameZhHant: string;
	nameZhHans: string;
	/** Integer minor units (fen); may be negative for a deduction. */
	amountMinor: number;
}

export interface ReceiptData {
	receiptNo: string;
	issuedAt: Date;
	estateName: string;
	unitLabel: string;
	payer: string;
	lines: ReceiptLine[];
	/** Integer minor units; must equal the sum of the lines. */
	totalMinor: number;
	/** ISO 4217 code, e.g. 'CNY'. */
	currency: string;
	/** cash, bank_transfer, pos, card, alipay, wechat_pay … (unknown codes are printed as they are). */
	method: string;
	/** The reader's language: printed first, English second. */
	locale: Locale;
	/** The unit's estate's zone, in which the issue time is printed. */
	timeZone: string;
}

// A5 portrait, in points.
const PAGE_WIDTH = 419.53;
const PAGE_HEIGHT = 595.28;
const MARGIN = 34;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const FOOTER_TOP = PAGE_HEIGHT - 50;

const INK = '#1a1f1e';
const SOFT = '#4a5552';
const BRAND = '#0f5c4d';
const LINE = '#d5dcda';
const BRAND_SOFT = '#e3f1ed';

/** The face the reader's language is drawn in (its glyph forms): HK for traditional, SC for simplified. */
function primaryFace(locale: Locale): Face {
	return locale === 'zh-Hans' ? 'sc' : 'hk';
}

interface TextStyle {
	size: number;
	bold?: boolean;
	color?: string;
}

interface Run {
	text: string;
	font: string;
}

/** Draws text with per-character fallback between the two faces. */
class Writer {
	readonly doc: PDFKit.PDFDocument;
	private readonly faces: Record<Face, LoadedFace>;
	private readonly primary: Face;

	constructor(doc: PDFKit.PDFDocument, faces: Record<Face, LoadedFace>, primary: Face) {
		this.doc = doc;
		this.faces = faces;
		this.primary = primary;
	}

	private faceFor(codePoint: number): Face {
		if (this.faces[this.primary].hasGlyph(codePoint)) return this.primary;
		const other: Face = this.primary === 'sc' ? 'hk' : 'sc';
		return this.faces[other].hasGlyph(codePoint) ? other : this.primary;
	}

	private runs(text: string, bold: boolean): Run[] {
		const weight: Weight = bold ? 'bold' : 'regular';
		const runs: Run[] = [];
		for (const char of text) {
			const font = `${this.faceFor(char.codePointAt(0)!)}-${weight}`;
			const last = runs.at(-1);
			if (last && last.font === font) last.text += char;
			else runs.push({ text: char, font });
		}
		return runs;
	}

	width(text: string, style: TextStyle): number {
		let width = 0;
		for (const run of this.runs(text, style.bold ?? false)) {
			width += this.doc.font(run.font).fontSize(style.size).widthOfString(run.text);
		}
		return width;
	}

	/** One line of text at (x, y) (top of the line); `align: 'right'` makes x the right edge. */
	draw(text: string, x: number, y: number, style: TextStyle & { align?: 'left' | 'right' }): void {
		let left = style.align === 'right' ? x - this.width(text, style) : x;
		this.doc.fillColor(style.color ?? INK);
		for (const run of this.runs(text, style.bold ?? false)) {
			this.doc.font(run.font).fontSize(style.size);
			this.doc.text(run.text, left, y, { lineBreak: false });
			left += this.doc.widthOfString(run.text);
		}
	}

	/** Splits text into lines no wider than `width`: Latin words stay whole, CJK breaks anywhere. */
	wrap(text: string, width: number, style: TextStyle): string[] {
		const tokens =
			text.match(
				/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|\s+|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu
			) ?? [];
		const lines: string[] = [];
		let line = '';
		for (const token of tokens) {
			const candidate = line + token;
			if (line.trim() !== '' && this.width(candidate.trimEnd(), style) > width) {
				lines.push(line.trimEnd());
				line = token.trimStart();
			} else {
				line = candidate;
			}
			// A single token wider than the line (a very long word) is cut by characters.
			while (this.width(line, style) > width && [...line].length > 1) {
				const chars = [...line];
				let cut = chars.length - 1;
				while (cut > 1 && this.width(chars.slice(0, cut).join(''), style) > width) cut--;
				lines.push(chars.slice(0, cut).join(''));
				line = chars.slice(cut).join('');
			}
		}
		if (line.trim() !== '' || lines.length === 0) lines.push(line.trim());
		return lines;
	}

	/** Wrapped lines of text from (x, y); returns the y below them. */
	paragraph(text: string, x: number, y: number, width: number, style: TextStyle & { align?: 'left' | 'right'; leading?: number }): number {
		const lineHeight = style.size * (style.leading ?? 1.45);
		for (const line of this.wrap(text, width, style)) {
			this.draw(line, style.align === 'right' ? x + width : x, y, style);
			y += lineHeight;
		}
		return y;
	}

	rule(y: number, color = LINE, thickness = 0.75): void {
		this.doc
			.save()
			.moveTo(MARGIN, y)
			.lineTo(PAGE_WIDTH - MARGIN, y)
			.lineWidth(thickness)
			.strokeColor(color)
			.stroke()
			.restore();
	}
}

function lineName(line: ReceiptLine, locale: Locale): string {
	if (locale === 'zh-Hant') return line.nameZhHant || line.nameEn;
	if (locale === 'zh-Hans') return line.nameZhHans || line.nameEn;
	return line.nameEn;
}

function methodName(labels: ReceiptLabels, method: string): string {
	return labels.methods[method] ?? method;
}

function checkData(data: ReceiptData): void {
	for (const amount of [data.totalMinor, ...data.lines.map((line) => line.amountMinor)]) {
		if (!Number.isSafeInteger(amount)) throw new RangeError(`Receipt amounts must be integer minor units, got ${amount}.`);
	}
	const sum = data.lines.reduce((total, line) => total + line.amountMinor, 0);
	if (sum !== data.totalMinor) throw new RangeError(`The receipt lines add up to ${sum}, not the total ${data.totalMinor}.`);
	if (!/^[A-Za-z]{3}$/.test(data.currency)) throw new RangeError(`Not a currency code: '${data.currency}'.`);
}

/** Renders the receipt; the PDF embeds only the glyphs it uses. */
export async function renderReceiptPdf(data: ReceiptData): Promise<Uint8Array> {
	checkData(data);
	const [first, second] = receiptLanguages(data.locale);
	const primary = receiptLabels(first);
	const secondary = receiptLabels(second);
	const face = primaryFace(data.locale);

	const [scRegular, scBold, hkRegular, hkBold] = await Promise.all([
		loadFace('sc', 'regular'),
		loadFace('sc', 'bold'),
		loadFace('hk', 'regular'),
		loadFace('hk', 'bold')
	]);

	const doc = new PDFDocument({
		size: 'A5',
		margin: 0,
		bufferPages: true,
		autoFirstPage: false,
		lang: data.locale,
		displayTitle: true,
		info: {
			Title: `${primary.title} ${data.receiptNo}`,
			Author: `${receiptLabels('en').company} ${receiptLabels('zh-Hant').company}`,
			Subject: `${receiptLabels('en').title} ${data.receiptNo}`,
			Producer: 'Lobby',
			Creator: 'Lobby',
			CreationDate: data.issuedAt
		}
	});
	doc.registerFont('sc-regular', scRegular.bytes);
	doc.registerFont('sc-bold', scBold.bytes);
	doc.registerFont('hk-regular', hkRegular.bytes);
	doc.registerFont('hk-bold', hkBold.bytes);

	const chunks: Uint8Array[] = [];
	const done = new Promise<Uint8Array>((resolve, reject) => {
		doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});

	const w = new Writer(doc, { sc: scRegular, hk: hkRegular }, face);
	const right = PAGE_WIDTH - MARGIN;
	const amountColumn = 118;
	const nameWidth = CONTENT_WIDTH - amountColumn - 12;

	const header = (): number => {
		doc.addPage({ size: 'A5', margin: 0 });
		doc.rect(0, 0, PAGE_WIDTH, 6).fill(BRAND);
		let y = MARGIN - 4;
		// Title on the right, the company (reader's language, then the other) in the room left.
		const titleWidth = w.width(primary.title, { size: 18, bold: true });
		w.draw(primary.title, right, y - 2, { size: 18, bold: true, align: 'right' });
		w.draw(secondary.title, right, y + 22, { size: 8, color: SOFT, align: 'right' });
		const room = CONTENT_WIDTH - titleWidth - 16;
		let companySize = 14;
		while (companySize > 9 && w.width(primary.company, { size: companySize, bold: true }) > room) companySize -= 0.5;
		w.draw(primary.company, MARGIN, y + (14 - companySize), { size: companySize, bold: true, color: BRAND });
		w.draw(secondary.company, MARGIN, y + 20, { size: 9, color: SOFT });
		y += 44;
		w.rule(y, BRAND, 1.2);
		return y + 10;
	};

	const tableHeader = (y: number): number => {
		doc.rect(MARGIN, y, CONTENT_WIDTH, 22).fill(BRAND_SOFT);
		w.draw(`${primary.item}  ${secondary.item}`, MARGIN + 8, y + 6, { size: 8.5, bold: true, color: BRAND });
		w.draw(`${primary.amount}  ${secondary.amount}`, right - 8, y + 6, { size: 8.5, bold: true, color: BRAND, align: 'right' });
		return y + 28;
	};

	let y = header();

	// The facts, as label (both languages) and value.
	const facts: [keyof ReceiptLabels, string][] = [
		['receiptNo', data.receiptNo],
		['issuedAt', numericDateTime(data.issuedAt, data.timeZone)],
		['estate', data.estateName],
		['unit', data.unitLabel],
		['payer', data.payer],
		[
			'method',
			[methodName(primary, data.method), methodName(secondary, data.method)].filter((v, i, all) => v && all.indexOf(v) === i).join(' / ')
		]
	];
	const labelWidth = 118;
	for (const [key, value] of facts) {
		const label = primary[key] as string;
		const other = secondary[key] as string;
		w.draw(label, MARGIN, y, { size: 9, bold: true });
		w.draw(other, MARGIN, y + 12, { size: 7, color: SOFT });
		const below = w.paragraph(value || '—', MARGIN + labelWidth, y, CONTENT_WIDTH - labelWidth, { size: 9.5 });
		y = Math.max(y + 26, below + 4);
	}

	y += 4;
	y = tableHeader(y);

	for (const line of data.lines) {
		const main = lineName(line, first);
		const sub = lineName(line, second);
		const mainLines = w.wrap(main, nameWidth, { size: 9.5 });
		const subLines = sub && sub !== main ? w.wrap(sub, nameWidth, { size: 7.5 }) : [];
		const height = mainLines.length * 13.5 + subLines.length * 11 + 10;
		if (y + height > FOOTER_TOP - 8) {
			y = tableHeader(header());
		}
		let rowY = y;
		for (const text of mainLines) {
			w.draw(text, MARGIN + 8, rowY, { size: 9.5 });
			rowY += 13.5;
		}
		for (const text of subLines) {
			w.draw(text, MARGIN + 8, rowY, { size: 7.5, color: SOFT });
			rowY += 11;
		}
		w.draw(moneyWithCode(line.amountMinor, data.currency), right - 8, y, { size: 9.5, align: 'right' });
		y = rowY + 4;
		w.rule(y);
		y += 6;
	}

	if (y + 76 > FOOTER_TOP) y = header();
	// Total.
	y += 2;
	doc.rect(MARGIN, y, CONTENT_WIDTH, 34).fill(BRAND);
	w.draw(primary.total, MARGIN + 8, y + 5, { size: 10.5, bold: true, color: '#ffffff' });
	w.draw(secondary.total, MARGIN + 8, y + 20, { size: 7, color: '#ffffff' });
	w.draw(moneyWithCode(data.totalMinor, data.currency), right - 8, y + 9, { size: 13, bold: true, color: '#ffffff', align: 'right' });
	y += 46;
	w.draw(primary.received, MARGIN, y, { size: 9 });
	w.draw(secondary.received, MARGIN, y + 13, { size: 7.5, color: SOFT });

	// Footer on every page, with page numbers once the page count is known.
	const range = doc.bufferedPageRange();
	for (let index = range.start; index < range.start + range.count; index++) {
		doc.switchToPage(index);
		w.rule(FOOTER_TOP, LINE);
		w.draw(primary.footer, MARGIN, FOOTER_TOP + 6, { size: 7, color: SOFT });
		w.draw(secondary.footer, MARGIN, FOOTER_TOP + 16, { size: 6.5, color: SOFT });
		w.draw(`${data.receiptNo} · ${primary.page(index - range.start + 1, range.count)}`, right, FOOTER_TOP + 6, {
			size: 7,
			color: SOFT,
			align: 'right'
		});
	}
	doc.end();
	return done;
}
