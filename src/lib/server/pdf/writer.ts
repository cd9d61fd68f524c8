/**
 * What the app's PDFs (receipts, construction permits) are drawn with: PDFKit, Chinese and Latin
 * text in Noto Sans HK / SC from npm packages (fonts.ts), embedded as subsets. Text that the
 * reader's face cannot draw (a simplified name on a traditional page, say) falls back to the other
 * face character by character; CJK wraps anywhere, Latin words stay whole.
 */
import PDFDocument from 'pdfkit';
import type { Locale } from '#lib/paraglide/runtime.js';
import { loadFace, type Face, type LoadedFace, type Weight } from './fonts.ts';

export const INK = '#1a1f1e';
export const SOFT = '#4a5552';
export const BRAND = '#0f5c4d';
export const LINE = '#d5dcda';
export const BRAND_SOFT = '#e3f1ed';

/** The left and right edges of the text on the page (rules run between them). */
export interface PageBox {
	left: number;
	right: number;
}

/** The face the reader's language is drawn in (its glyph forms): HK for traditional, SC for simplified. */
function primaryFace(locale: Locale): Face {
	return locale === 'zh-Hans' ? 'sc' : 'hk';
}

/** CJK and Latin closing punctuation, kept at the end of the line before it. */
const CLOSING = /^[、。，．：；！？）」』】〉》,.;:!?)]+$/u;

export interface TextStyle {
	size: number;
	bold?: boolean;
	color?: string;
}

interface Run {
	text: string;
	font: string;
}

/** Draws text with per-character fallback between the two faces. */
export class Writer {
	readonly doc: PDFKit.PDFDocument;
	private readonly faces: Record<Face, LoadedFace>;
	private readonly primary: Face;

	private readonly box: PageBox;

	constructor(doc: PDFKit.PDFDocument, faces: Record<Face, LoadedFace>, primary: Face, box: PageBox) {
		this.doc = doc;
		this.faces = faces;
		this.primary = primary;
		this.box = box;
	}

	private hasGlyph(codePoint: number): boolean {
		return this.faces.sc.hasGlyph(codePoint) || this.faces.hk.hasGlyph(codePoint);
	}

	private faceFor(codePoint: number): Face {
		if (this.faces[this.primary].hasGlyph(codePoint)) return this.primary;
		const other: Face = this.primary === 'sc' ? 'hk' : 'sc';
		return this.faces[other].hasGlyph(codePoint) ? other : this.primary;
	}

	private runs(text: string, bold: boolean): Run[] {
		const weight: Weight = bold ? 'bold' : 'regular';
		const runs: Run[] = [];
		for (const glyph of text) {
			// Intl puts narrow and thin no-break spaces between a date and a time (U+202F in zh-Hant);
			// the Noto faces lack them and would draw a box: a space that no face has is a plain space.
			const char = /\s/u.test(glyph) && !this.hasGlyph(glyph.codePointAt(0)!) ? ' ' : glyph;
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
			// Closing punctuation never starts a line (禁則): it stays on the line it closes.
			if (line.trim() !== '' && this.width(candidate.trimEnd(), style) > width && !CLOSING.test(token)) {
				lines.push(line.trimEnd());
				line = token.trimStart();
			} else {
				line = candidate;
			}
			// A single token wider than the line (a very long word) is cut by characters.
			while (!CLOSING.test(token) && this.width(line, style) > width && [...line].length > 1) {
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
		this.doc.save().moveTo(this.box.left, y).lineTo(this.box.right, y).lineWidth(thickness).strokeColor(color).stroke().restore();
	}
}

export interface OpenedDocument {
	doc: PDFKit.PDFDocument;
	w: Writer;
	/** A writer in another reader's script, on the same document (letters to several residents in one PDF). */
	writerFor: (locale: Locale) => Writer;
	/** The PDF's bytes, once doc.end() is called. */
	done: Promise<Uint8Array>;
}

/**
 * A new document with the four faces registered (sc/hk × regular/bold) and a writer whose own face
 * is the reader's language's; pages are buffered (footers can be drawn once the count is known).
 */
export async function openDocument(options: {
	size: string;
	locale: Locale;
	box: PageBox;
	info: { Title: string; Author: string; Subject: string; CreationDate: Date };
}): Promise<OpenedDocument> {
	const [scRegular, scBold, hkRegular, hkBold] = await Promise.all([
		loadFace('sc', 'regular'),
		loadFace('sc', 'bold'),
		loadFace('hk', 'regular'),
		loadFace('hk', 'bold')
	]);
	const doc = new PDFDocument({
		size: options.size,
		margin: 0,
		bufferPages: true,
		autoFirstPage: false,
		lang: options.locale,
		displayTitle: true,
		info: { ...options.info, Producer: 'Lobby', Creator: 'Lobby' }
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
	const writerFor = (locale: Locale) => new Writer(doc, { sc: scRegular, hk: hkRegular }, primaryFace(locale), options.box);
	return { doc, w: writerFor(options.locale), writerFor, done };
}
