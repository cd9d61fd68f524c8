/**
 * A QR code drawn into a PDF as vector squares (crisp at any print size, no image to embed): the
 * permit's and worker pass's verification link, the survey letter's personal link.
 */
import QRCode from 'qrcode';

/** Draws the QR code's dark modules as squares, `size` points wide, top-left at (x, y). */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
	const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const count = qr.modules.size;
	const quiet = 2;
	const cell = size / (count + 2 * quiet);
	doc.save().rect(x, y, size, size).fill('#ffffff');
	doc.fillColor('#000000');
	for (let row = 0; row < count; row++) {
		for (let col = 0; col < count; col++) {
			if (qr.modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell + 0.01, cell + 0.01);
		}
	}
	doc.fill().restore();
}
