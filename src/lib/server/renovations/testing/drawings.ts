/** Drawing files for tests: a PDF of numbered sheets, and the first bytes of the CAD formats. */
import PDFDocument from 'pdfkit';

/** An A3 landscape PDF with one numbered sheet per page (a frame and a title, like a drawing). */
export async function drawingPdf(sheets: number, title = 'Level 12 partitions'): Promise<Uint8Array> {
	const doc = new PDFDocument({ size: 'A3', layout: 'landscape', info: { Title: title } });
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise((resolve) => doc.on('end', resolve));
	for (let sheet = 1; sheet <= sheets; sheet++) {
		if (sheet > 1) doc.addPage();
		doc.rect(30, 30, 1130, 780).stroke();
		doc.fontSize(36).text(`${title} — sheet ${sheet} of ${sheets}`, 60, 60);
		doc.moveTo(200, 300).lineTo(900, 300).lineTo(900, 650).lineTo(200, 650).closePath().stroke();
	}
	doc.end();
	await done;
	return new Uint8Array(Buffer.concat(chunks));
}

const text = (s: string) => new TextEncoder().encode(s);

/** The start of an AutoCAD 2018 DWG file: the version string, then binary. */
export const dwgBytes = () => new Uint8Array([...text('AC1032'), 0, 0, 0, 0, 0, 0x1f, 0x05, 0x00, ...new Array<number>(200).fill(7)]);

/** A small ASCII DXF with one line. */
export const dxfBytes = () =>
	text(
		'  0\r\nSECTION\r\n  2\r\nENTITIES\r\n  0\r\nLINE\r\n  8\r\n0\r\n 10\r\n0.0\r\n 20\r\n0.0\r\n 11\r\n100.0\r\n 21\r\n50.0\r\n  0\r\nENDSEC\r\n  0\r\nEOF\r\n'
	);

/** A Windows program (its MZ header) under whatever name a test gives it. */
export const programBytes = () => new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, ...new Array<number>(100).fill(0)]);
