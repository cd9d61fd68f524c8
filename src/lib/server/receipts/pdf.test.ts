import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { loadFace } from '../pdf/fonts.ts';
import { moneyWithCode } from '#lib/money/index.ts';
import { numericDateTime } from '#lib/time/index.ts';
import { receiptLabels } from './labels.ts';
import { renderReceiptPdf, type ReceiptData } from './pdf.ts';

function receipt(overrides: Partial<ReceiptData> = {}): ReceiptData {
	return {
		receiptNo: 'R-2026-000123',
		issuedAt: new Date('2026-11-22T06:05:00Z'),
		timeZone: 'Asia/Shanghai',
		estateName: 'Harbour View Gardens 海景花園',
		unitLabel: 'Block A 12A',
		payer: '陳大文 Chan Tai Man',
		currency: 'CNY',
		method: 'wechat_pay',
		locale: 'zh-Hant',
		lines: [
			{ nameEn: 'Management fee 2026-11', nameZhHant: '管理費 2026年11月', nameZhHans: '物业管理费 2026年11月', amountMinor: 33193 },
			{ nameEn: 'Renovation deposit', nameZhHant: '裝修按金', nameZhHans: '装修押金', amountMinor: 200000 }
		],
		totalMinor: 233193,
		...overrides
	};
}

/** The PDF's bytes as Latin-1 text: object dictionaries are plain text, streams are compressed. */
function pdfText(pdf: Uint8Array): string {
	return Buffer.from(pdf).toString('latin1');
}

function embeddedFonts(pdf: Uint8Array): string[] {
	return [...pdfText(pdf).matchAll(/\/FontName \/([A-Z]{6}\+[\w-]+)/g)].map((match) => match[1]!).sort();
}

function pageCount(pdf: Uint8Array): number {
	return [...pdfText(pdf).matchAll(/\/Type \/Page\b(?!s)/g)].length;
}

const hasPdftoppm = spawnSync('pdftoppm', ['-v']).error === undefined;
if (!hasPdftoppm) console.warn('receipts: pdftoppm not found, skipping the rendered-page check (apt-get install poppler-utils).');

describe('renderReceiptPdf', () => {
	test('a traditional-Chinese receipt is a small PDF with its fonts embedded as subsets', async () => {
		const pdf = await renderReceiptPdf(receipt());
		const text = pdfText(pdf);
		expect(text.startsWith('%PDF-')).toBe(true);
		expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
		expect(text).toContain('/FontFile2');
		expect(embeddedFonts(pdf)).toEqual([
			expect.stringMatching(/^[A-Z]{6}\+NotoSansHK-Bold$/),
			expect.stringMatching(/^[A-Z]{6}\+NotoSansHK-Regular$/)
		]);
		// The full faces are 7 MB each; a subset receipt is a few tens of kilobytes.
		expect(pdf.byteLength).toBeLessThan(100_000);
		expect(pageCount(pdf)).toBe(1);
	});

	test('a simplified-Chinese receipt is drawn in Noto Sans SC', async () => {
		const pdf = await renderReceiptPdf(receipt({ locale: 'zh-Hans' }));
		expect(embeddedFonts(pdf).map((name) => name.slice(7))).toEqual(['NotoSansSC-Bold', 'NotoSansSC-Regular']);
	});

	test('characters the traditional face lacks fall back to the simplified face', async () => {
		// 张 and 红 are simplified-only: Noto Sans HK has no glyph for them.
		const hk = await loadFace('hk', 'regular');
		expect(hk.hasGlyph('张'.codePointAt(0)!)).toBe(false);
		const pdf = await renderReceiptPdf(receipt({ payer: '张小红' }));
		expect(embeddedFonts(pdf).map((name) => name.slice(7))).toEqual(['NotoSansHK-Bold', 'NotoSansHK-Regular', 'NotoSansSC-Regular']);
	});

	test('every printed label has a glyph in the face its language is drawn in', async () => {
		const faces = {
			en: await loadFace('hk', 'regular'),
			'zh-Hant': await loadFace('hk', 'regular'),
			'zh-Hans': await loadFace('sc', 'regular')
		};
		for (const locale of Object.keys(faces) as (keyof typeof faces)[]) {
			const labels = receiptLabels(locale);
			const words = [
				...Object.values(labels).filter((value) => typeof value === 'string'),
				...Object.values(labels.methods),
				labels.page(1, 2)
			];
			const missing = [...words.join('')].filter((char) => !faces[locale].hasGlyph(char.codePointAt(0)!));
			expect(missing, locale).toEqual([]);
		}
	});

	test('a long receipt flows onto further pages', async () => {
		const lines = Array.from({ length: 40 }, (_, index) => ({
			nameEn: `Electricity, meter ${index + 1}`,
			nameZhHant: `電費，電錶 ${index + 1}`,
			nameZhHans: `电费，电表 ${index + 1}`,
			amountMinor: 1001 + index
		}));
		const pdf = await renderReceiptPdf(receipt({ lines, totalMinor: lines.reduce((sum, line) => sum + line.amountMinor, 0) }));
		expect(pageCount(pdf)).toBeGreaterThan(1);
	});

	test('refuses amounts that are not integer minor units, and lines that do not add up', async () => {
		await expect(
			renderReceiptPdf(receipt({ lines: [{ nameEn: 'x', nameZhHant: 'x', nameZhHans: 'x', amountMinor: 331.93 }], totalMinor: 331.93 }))
		).rejects.toThrow(RangeError);
		await expect(renderReceiptPdf(receipt({ totalMinor: 1 }))).rejects.toThrow(/add up/);
	});

	test.skipIf(!hasPdftoppm)(
		hasPdftoppm
			? 'pdftoppm renders page 1 with ink and no font errors'
			: 'pdftoppm render check SKIPPED: pdftoppm not installed (apt-get install poppler-utils)',
		async () => {
			const dir = mkdtempSync(join(tmpdir(), 'receipt-'));
			try {
				writeFileSync(join(dir, 'receipt.pdf'), await renderReceiptPdf(receipt({ payer: '陳大文（张小红）' })));
				const run = spawnSync('pdftoppm', ['-png', '-r', '72', '-f', '1', '-l', '1', '-singlefile', 'receipt.pdf', 'page'], {
					cwd: dir,
					encoding: 'utf8'
				});
				expect(run.status).toBe(0);
				// poppler reports broken embedded fonts (e.g. a corrupt subset) on stderr.
				expect(run.stderr).toBe('');
				const { data, info } = await sharp(readFileSync(join(dir, 'page.png')))
					.greyscale()
					.raw()
					.toBuffer({ resolveWithObject: true });
				// A5 at 72 dpi.
				expect(info.width).toBe(420);
				expect(Math.abs(info.height - 595)).toBeLessThanOrEqual(1);
				const dark = data.filter((value) => value < 128).length;
				// Text, rules and the total bar: far from blank, far from all ink.
				expect(dark / data.length).toBeGreaterThan(0.02);
				expect(dark / data.length).toBeLessThan(0.5);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	);
});

describe('receipt formatting', () => {
	test('amounts come from integer minor units with grouping', () => {
		expect(moneyWithCode(33193, 'CNY')).toBe('CNY 331.93');
		expect(moneyWithCode(5, 'cny')).toBe('CNY 0.05');
		expect(moneyWithCode(0, 'HKD')).toBe('HKD 0.00');
		expect(moneyWithCode(-123456, 'CNY')).toBe('CNY -1,234.56');
		expect(moneyWithCode(100_000_000, 'CNY')).toBe('CNY 1,000,000.00');
		expect(moneyWithCode(1500, 'JPY')).toBe('JPY 1,500');
		expect(() => moneyWithCode(1.5, 'CNY')).toThrow(RangeError);
	});

	test('the issue time is shown in the estate time zone', () => {
		expect(numericDateTime(new Date('2026-11-22T16:05:00Z'), 'Asia/Shanghai')).toBe('2026-11-23 00:05');
	});
});
