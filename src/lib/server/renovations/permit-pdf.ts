/**
 * The construction permit (施工許可證) as an A4 PDF to print and post at the site's door: Chinese
 * first (the reader's script: simplified for a zh-Hans reader, traditional otherwise) and English
 * under each label, the CJK faces embedded (pdf/writer.ts), and a QR code of /verify/<code> drawn
 * as vector squares so it scans at any print size.
 */
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { businessDate, numericDateTime } from '#lib/time/index.ts';
import { drawQr } from '../pdf/qr.ts';
import { BRAND, BRAND_SOFT, INK, LINE, SOFT, openDocument, type Writer } from '../pdf/writer.ts';

export interface PermitPdfData {
	number: string;
	applicationReference: string;
	verifyUrl: string;
	code: string;
	issuedAt: Date;
	validFrom: string;
	validTo: string;
	estateName: string;
	unitNumber: string;
	applicant: string;
	contractorCompany: string;
	contractorLicence: string;
	contractorGrade: number | null;
	works: (locale: Locale) => string;
	scope: string;
	areaM2: string | null;
	/** The three departments' signatures, in the order customer service, engineering, security. */
	signatures: { department: (locale: Locale) => string; name: string; signedAt: Date }[];
	/** The reader's language: it picks the Chinese script printed. */
	locale: Locale;
	timeZone: string;
}

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 48;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;

/** A label in Chinese over its English, then the value to the right; returns the y below. */
function fact(w: Writer, zh: string, en: string, value: string, y: number, width: number): number {
	w.draw(zh, MARGIN, y, { size: 10, bold: true });
	w.draw(en, MARGIN, y + 14, { size: 7.5, color: SOFT });
	const below = w.paragraph(value || '—', MARGIN + 150, y, width - 150, { size: 10.5 });
	return Math.max(y + 30, below + 6);
}

export async function renderPermitPdf(data: PermitPdfData): Promise<Uint8Array> {
	const zh: Locale = data.locale === 'zh-Hans' ? 'zh-Hans' : 'zh-Hant';
	const en: Locale = 'en';
	const both = (message: (inputs: Record<string, never>, options: { locale: Locale }) => string) => [
		message({}, { locale: zh }),
		message({}, { locale: en })
	];
	const { doc, w, done } = await openDocument({
		size: 'A4',
		locale: zh,
		box: { left: MARGIN, right: PAGE_WIDTH - MARGIN },
		info: {
			Title: `${m.permit_title({}, { locale: zh })} ${data.number}`,
			Author: `${m.receipts_company({}, { locale: en })} ${m.receipts_company({}, { locale: zh })}`,
			Subject: `${m.permit_title({}, { locale: en })} ${data.number}`,
			CreationDate: data.issuedAt
		}
	});
	doc.addPage({ size: 'A4', margin: 0 });
	doc.rect(0, 0, PAGE_WIDTH, 8).fill(BRAND);

	let y = MARGIN;
	w.draw(m.receipts_company({}, { locale: zh }), MARGIN, y, { size: 12, bold: true, color: BRAND });
	w.draw(m.receipts_company({}, { locale: en }), MARGIN, y + 17, { size: 8.5, color: SOFT });
	y += 46;
	w.draw(m.permit_title({}, { locale: zh }), MARGIN, y, { size: 30, bold: true });
	w.draw(m.permit_title({}, { locale: en }), MARGIN, y + 40, { size: 14, color: SOFT });
	w.draw(data.number, PAGE_WIDTH - MARGIN, y + 6, { size: 20, bold: true, color: BRAND, align: 'right' });
	y += 70;
	w.rule(y, BRAND, 1.5);
	y += 14;

	// The QR code sits at the right of the facts; the facts wrap in the room left of it.
	const qrSize = 132;
	const qrX = PAGE_WIDTH - MARGIN - qrSize;
	drawQr(doc, data.verifyUrl, qrX, y, qrSize);
	const [scanZh, scanEn] = both(m.permit_scan);
	w.paragraph(scanZh!, qrX, y + qrSize + 4, qrSize, { size: 8, color: SOFT });
	w.paragraph(scanEn!, qrX, y + qrSize + 17, qrSize, { size: 7, color: SOFT });
	const factWidth = CONTENT_WIDTH - qrSize - 16;

	const validity = `${businessDate(data.validFrom, zh)} – ${businessDate(data.validTo, zh)}`;
	const grade = data.contractorGrade === null ? '' : ` · ${m.permit_grade({ grade: data.contractorGrade }, { locale: zh })}`;
	const rows: [typeof m.permit_valid, string][] = [
		[m.permit_valid, validity],
		[m.permit_estate, data.estateName],
		[m.permit_unit, data.unitNumber],
		[m.permit_applicant, data.applicant],
		[m.permit_contractor, `${data.contractorCompany}${grade}`],
		[m.permit_licence, data.contractorLicence],
		[m.permit_application, data.applicationReference],
		[m.permit_issued_at, numericDateTime(data.issuedAt, data.timeZone)]
	];
	for (const [label, value] of rows) {
		const [labelZh, labelEn] = both(label);
		y = fact(w, labelZh!, labelEn!, value, y, factWidth);
	}
	y = Math.max(y, MARGIN + 130 + qrSize + 40);
	const area = data.areaM2 ? ` · ${data.areaM2} m²` : '';
	const [worksZh, worksEn] = both(m.permit_works);
	y = fact(w, worksZh!, worksEn!, `${data.works(zh)}${area}`, y, CONTENT_WIDTH);
	if (data.works(en) !== data.works(zh))
		y = w.paragraph(data.works(en), MARGIN + 150, y - 4, CONTENT_WIDTH - 150, { size: 8.5, color: SOFT }) + 4;
	const [scopeZh, scopeEn] = both(m.permit_scope);
	y = fact(w, scopeZh!, scopeEn!, data.scope, y, CONTENT_WIDTH);

	// The three signatures, side by side.
	y += 10;
	const [signZh, signEn] = both(m.permit_signatures);
	doc.rect(MARGIN, y, CONTENT_WIDTH, 24).fill(BRAND_SOFT);
	w.draw(`${signZh}  ${signEn}`, MARGIN + 8, y + 7, { size: 9.5, bold: true, color: BRAND });
	y += 34;
	const column = CONTENT_WIDTH / 3;
	for (const [index, signature] of data.signatures.entries()) {
		const x = MARGIN + index * column;
		w.draw(signature.department(zh), x, y, { size: 9.5, bold: true });
		w.draw(signature.department(en), x, y + 13, { size: 7.5, color: SOFT });
		w.draw(signature.name, x, y + 32, { size: 12, color: INK });
		doc
			.save()
			.moveTo(x, y + 50)
			.lineTo(x + column - 16, y + 50)
			.lineWidth(0.75)
			.strokeColor(LINE)
			.stroke()
			.restore();
		w.draw(numericDateTime(signature.signedAt, data.timeZone), x, y + 55, { size: 8, color: SOFT });
	}
	y += 84;

	// The rules the permit holds the works to, in both languages.
	const [rulesZh, rulesEn] = both(m.permit_rules);
	y = w.paragraph(rulesZh!, MARGIN, y, CONTENT_WIDTH, { size: 9 });
	w.paragraph(rulesEn!, MARGIN, y + 2, CONTENT_WIDTH, { size: 8, color: SOFT });

	const footer = PAGE_HEIGHT - 56;
	w.rule(footer, LINE);
	w.draw(m.permit_footer({ url: data.verifyUrl }, { locale: zh }), MARGIN, footer + 8, { size: 7.5, color: SOFT });
	w.draw(m.permit_footer({ url: data.verifyUrl }, { locale: en }), MARGIN, footer + 20, { size: 7.5, color: SOFT });
	w.draw(`${m.permit_code({}, { locale: en })}: ${data.code}`, PAGE_WIDTH - MARGIN, footer + 32, {
		size: 7.5,
		color: SOFT,
		align: 'right'
	});
	doc.end();
	return done;
}
