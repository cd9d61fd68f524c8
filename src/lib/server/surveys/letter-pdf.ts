/**
 * The survey's printed letters (rule 7: for residents the office cannot email): one A4 page per
 * household or company, in its own language, with its personal link as a QR code and as an address
 * to type — a building's letters in one PDF, in unit order, to print and put in the mailboxes.
 */
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { businessDate } from '#lib/time/index.ts';
import { drawQr } from '../pdf/qr.ts';
import { BRAND, BRAND_SOFT, SOFT, openDocument } from '../pdf/writer.ts';

export interface Letter {
	locale: Locale;
	addressee: string;
	unit: string;
	title: string;
	link: string;
	/** The last day answers are taken (the estate's date), if the survey has one. */
	lastDay: string | null;
}

export interface LetterBatch {
	reference: string;
	estate: string;
	building: string;
	/** The day printed, in the estate's calendar. */
	printedOn: string;
	anonymous: boolean;
	letters: Letter[];
}

const WIDTH = 595.28;
const MARGIN = 56;
const TEXT_WIDTH = WIDTH - 2 * MARGIN;

export async function renderLetters(batch: LetterBatch): Promise<Uint8Array> {
	const first = batch.letters[0]?.locale ?? 'en';
	const { doc, writerFor, done } = await openDocument({
		size: 'A4',
		locale: first,
		box: { left: MARGIN, right: WIDTH - MARGIN },
		info: {
			Title: `${batch.reference} · ${batch.building}`,
			Author: m.receipts_company({}, { locale: 'en' }),
			Subject: m.survey_letters_subject({ reference: batch.reference }, { locale: 'en' }),
			CreationDate: new Date()
		}
	});
	for (const letter of batch.letters) {
		const w = writerFor(letter.locale);
		const locale = letter.locale;
		doc.addPage({ size: 'A4', margin: 0 });
		doc.rect(0, 0, WIDTH, 64).fill(BRAND);
		w.draw(m.receipts_company({}, { locale }), MARGIN, 22, { size: 16, bold: true, color: '#ffffff' });
		w.draw(batch.reference, WIDTH - MARGIN, 25, { size: 11, color: '#ffffff', align: 'right' });

		let y = 96;
		w.draw(letter.addressee, MARGIN, y, { size: 12, bold: true });
		y = w.paragraph(`${batch.estate} · ${batch.building} · ${letter.unit}`, MARGIN, y + 18, TEXT_WIDTH, { size: 10.5, color: SOFT });
		w.draw(businessDate(batch.printedOn, locale), WIDTH - MARGIN, 96, { size: 10.5, color: SOFT, align: 'right' });

		y = w.paragraph(letter.title, MARGIN, y + 28, TEXT_WIDTH, { size: 18, bold: true, leading: 1.3 });
		y = w.paragraph(m.survey_letters_greeting({}, { locale }), MARGIN, y + 14, TEXT_WIDTH, { size: 11.5 });
		y = w.paragraph(m.survey_letters_body({}, { locale }), MARGIN, y + 8, TEXT_WIDTH, { size: 11.5, leading: 1.55 });
		if (batch.anonymous)
			y = w.paragraph(m.survey_letters_anonymous({}, { locale }), MARGIN, y + 8, TEXT_WIDTH, { size: 11.5, leading: 1.55 });
		if (letter.lastDay) {
			y = w.paragraph(m.survey_letters_last_day({ day: businessDate(letter.lastDay, locale) }, { locale }), MARGIN, y + 8, TEXT_WIDTH, {
				size: 11.5,
				bold: true
			});
		}

		// The QR code in a tinted box, with the address to type beside it.
		const boxY = y + 22;
		const qrSize = 170;
		doc
			.save()
			.roundedRect(MARGIN, boxY, TEXT_WIDTH, qrSize + 28, 8)
			.fill(BRAND_SOFT)
			.restore();
		drawQr(doc, letter.link, MARGIN + 14, boxY + 14, qrSize);
		const textX = MARGIN + qrSize + 32;
		const textWidth = WIDTH - MARGIN - 14 - textX;
		let ty = w.paragraph(m.survey_letters_scan({}, { locale }), textX, boxY + 22, textWidth, { size: 12, bold: true });
		ty = w.paragraph(m.survey_letters_or_type({}, { locale }), textX, ty + 10, textWidth, { size: 10.5, color: SOFT });
		w.paragraph(letter.link, textX, ty + 4, textWidth, { size: 10.5, bold: true });

		w.paragraph(m.survey_letters_keep({}, { locale }), MARGIN, boxY + qrSize + 48, TEXT_WIDTH, { size: 10, color: SOFT, leading: 1.5 });
	}
	doc.end();
	return done;
}
