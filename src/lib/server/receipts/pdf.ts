/**
 * A payment receipt (收據) as an A5 PDF, in the reader's language first and English second.
 *
 * Drawn with PDFKit through pdf/writer.ts (Noto Sans HK / SC embedded as subsets, with
 * per-character fallback between the two faces).
 * Amounts are integer minor units throughout.
 */
import type { Locale } from '#lib/paraglide/runtime.js';
import { BRAND, BRAND_SOFT, LINE, SOFT, openDocument } from '../pdf/writer.ts';
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

	const { doc, w, done } = await openDocument({
		size: 'A5',
		locale: data.locale,
		box: { left: MARGIN, right: PAGE_WIDTH - MARGIN },
		info: {
			Title: `${primary.title} ${data.receiptNo}`,
			Author: `${receiptLabels('en').company} ${receiptLabels('zh-Hant').company}`,
			Subject: `${receiptLabels('en').title} ${data.receiptNo}`,
			CreationDate: data.issuedAt
		}
	});
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
