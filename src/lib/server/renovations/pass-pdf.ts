/**
 * A worker pass (出入證) as an A6 card to print and wear: the worker's photo, name and the last four
 * characters of their ID, the permit it is issued under, and a QR code of /verify/<code> that the
 * guard at the door scans (it says whether the permit in force is valid today). Chinese first (the
 * reader's script), English under it, as on the permit.
 */
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { businessDate } from '#lib/time/index.ts';
import { BRAND, SOFT, openDocument } from '../pdf/writer.ts';
import { drawQr } from '../pdf/qr.ts';

export interface PassPdfData {
	number: string;
	permitNumber: string;
	verifyUrl: string;
	name: string;
	idLast4: string;
	photo: Uint8Array | null;
	estateName: string;
	unitNumber: string;
	contractorCompany: string;
	validTo: string;
	locale: Locale;
}

const WIDTH = 297.64;
const HEIGHT = 419.53;
const MARGIN = 20;

export async function renderPassPdf(data: PassPdfData): Promise<Uint8Array> {
	const zh: Locale = data.locale === 'zh-Hans' ? 'zh-Hans' : 'zh-Hant';
	const { doc, w, done } = await openDocument({
		size: 'A6',
		locale: zh,
		box: { left: MARGIN, right: WIDTH - MARGIN },
		info: {
			Title: `${m.site_pass_title({}, { locale: zh })} ${data.number}`,
			Author: m.receipts_company({}, { locale: 'en' }),
			Subject: `${m.site_pass_title({}, { locale: 'en' })} ${data.number}`,
			CreationDate: new Date()
		}
	});
	doc.addPage({ size: 'A6', margin: 0 });
	doc.rect(0, 0, WIDTH, 54).fill(BRAND);
	w.draw(m.site_pass_title({}, { locale: zh }), MARGIN, 12, { size: 18, bold: true, color: '#ffffff' });
	w.draw(m.site_pass_title({}, { locale: 'en' }), MARGIN, 35, { size: 9, color: '#ffffff' });
	w.draw(data.number, WIDTH - MARGIN, 18, { size: 13, bold: true, color: '#ffffff', align: 'right' });

	const photoWidth = 96;
	const photoHeight = 120;
	let y = 70;
	if (data.photo) {
		doc.image(Buffer.from(data.photo), MARGIN, y, { fit: [photoWidth, photoHeight], align: 'center', valign: 'center' });
	}
	doc.rect(MARGIN, y, photoWidth, photoHeight).lineWidth(0.75).strokeColor(SOFT).stroke();
	const x = MARGIN + photoWidth + 12;
	const width = WIDTH - MARGIN - x;
	w.draw(data.name, x, y, { size: 15, bold: true });
	y = w.paragraph(`${m.site_pass_id({}, { locale: zh })} ****${data.idLast4}`, x, y + 24, width, { size: 9.5 });
	y = w.paragraph(data.contractorCompany, x, y + 2, width, { size: 9.5 });
	y = w.paragraph(`${data.estateName} · ${data.unitNumber}`, x, y + 2, width, { size: 9, color: SOFT });
	w.paragraph(`${m.permit_title({}, { locale: zh })} ${data.permitNumber}`, x, y + 2, width, { size: 9, color: SOFT });

	const qrSize = 130;
	const qrY = 70 + photoHeight + 14;
	drawQr(doc, data.verifyUrl, (WIDTH - qrSize) / 2, qrY, qrSize);
	const below = w.paragraph(m.permit_scan({}, { locale: zh }), MARGIN, qrY + qrSize + 4, WIDTH - 2 * MARGIN, { size: 8, color: SOFT });
	w.paragraph(m.permit_scan({}, { locale: 'en' }), MARGIN, below, WIDTH - 2 * MARGIN, { size: 7, color: SOFT });
	w.draw(
		`${m.site_pass_valid_to({ day: businessDate(data.validTo, zh) }, { locale: zh })} · ${m.site_pass_valid_to({ day: businessDate(data.validTo, 'en') }, { locale: 'en' })}`,
		MARGIN,
		HEIGHT - 28,
		{ size: 8 }
	);
	doc.end();
	return done;
}
