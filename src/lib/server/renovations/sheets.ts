/**
 * The sheets of a drawing file, drawn once on upload so that nobody's phone has to: every page of
 * a PDF, or the image itself, as a large PNG to review on (pins are placed on it) and a small one
 * for lists. DWG and DXF are kept as they are, one sheet each, with nothing to show in a browser.
 *
 * PDFs are read with pdf.js (the renderer Firefox uses) and drawn on @napi-rs/canvas; images are
 * scaled with sharp. A file that cannot be read is the uploader's to fix (InputError).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import type { DocumentType } from '#lib/files/sniff.ts';
import { m } from '#lib/paraglide/messages.js';
import { photoLimits } from '../files/photos.ts';
import { InputError } from '../kernel/input-error.ts';

const sheetLimits = {
	/** Pages of one drawing file; a bigger set is split into several files. */
	maxSheets: 40,
	/** The long side of the review image: enough to read dimensions on an A1 sheet when zoomed. */
	previewLongSide: 2400,
	thumbWidth: 360
} as const;

export interface DrawnSheet {
	preview: { data: Uint8Array; contentType: string; width: number; height: number };
	thumb: { data: Uint8Array; contentType: string; width: number; height: number };
}

/** The sheets of a drawing, in page order; `drawn` is empty for a type no browser shows (DWG, DXF). */
export async function drawSheets(type: DocumentType, data: Uint8Array, name: string): Promise<{ count: number; drawn: DrawnSheet[] }> {
	if (type === 'dwg' || type === 'dxf') return { count: 1, drawn: [] };
	if (type === 'pdf') return drawPdf(data, name);
	return { count: 1, drawn: [await drawImage(data, name)] };
}

const pdfjsDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

async function drawPdf(data: Uint8Array, name: string): Promise<{ count: number; drawn: DrawnSheet[] }> {
	const [{ getDocument }, { createCanvas }] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('@napi-rs/canvas')]);
	const task = getDocument({
		// pdf.js takes the buffer over; the caller keeps its own copy.
		data: data.slice(),
		isEvalSupported: false,
		standardFontDataUrl: path.join(pdfjsDir, 'standard_fonts') + path.sep,
		cMapUrl: path.join(pdfjsDir, 'cmaps') + path.sep,
		cMapPacked: true,
		verbosity: 0
	});
	let pdf;
	try {
		pdf = await task.promise;
	} catch {
		await task.destroy();
		throw new InputError('file', m.files_document_unreadable({ name }));
	}
	try {
		if (pdf.numPages > sheetLimits.maxSheets) {
			throw new InputError('file', m.files_document_too_many_sheets({ name, count: pdf.numPages, max: sheetLimits.maxSheets }));
		}
		const drawn: DrawnSheet[] = [];
		for (let number = 1; number <= pdf.numPages; number++) {
			const page = await pdf.getPage(number);
			const natural = page.getViewport({ scale: 1 });
			const viewport = page.getViewport({ scale: sheetLimits.previewLongSide / Math.max(natural.width, natural.height) });
			const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
			const context = canvas.getContext('2d');
			// A drawing's page is transparent where nothing is drawn; paper is white.
			context.fillStyle = '#ffffff';
			context.fillRect(0, 0, canvas.width, canvas.height);
			await page.render({
				canvas: canvas as unknown as HTMLCanvasElement,
				canvasContext: context as unknown as CanvasRenderingContext2D,
				viewport
			}).promise;
			page.cleanup();
			drawn.push(await sheetImages(await canvas.encode('png')));
		}
		return { count: pdf.numPages, drawn };
	} catch (cause) {
		if (cause instanceof InputError) throw cause;
		throw new InputError('file', m.files_document_unreadable({ name }));
	} finally {
		await pdf.destroy();
	}
}

async function drawImage(data: Uint8Array, name: string): Promise<DrawnSheet> {
	try {
		const meta = await sharp(data).metadata();
		if (!meta.width || !meta.height || meta.width * meta.height > photoLimits.maxPixels) {
			throw new InputError('file', m.files_document_unreadable({ name }));
		}
		return await sheetImages(await sharp(data, { limitInputPixels: photoLimits.maxPixels }).rotate().png().toBuffer());
	} catch (cause) {
		if (cause instanceof InputError) throw cause;
		throw new InputError('file', m.files_document_unreadable({ name }));
	}
}

/** The review image (long side at most previewLongSide) and the list image of one sheet. */
async function sheetImages(png: Uint8Array): Promise<DrawnSheet> {
	const preview = await sharp(png)
		.resize({ width: sheetLimits.previewLongSide, height: sheetLimits.previewLongSide, fit: 'inside', withoutEnlargement: true })
		.png({ compressionLevel: 6, palette: true, effort: 1 })
		.toBuffer({ resolveWithObject: true });
	const thumb = await sharp(png)
		.resize({ width: sheetLimits.thumbWidth, withoutEnlargement: true })
		.png({ compressionLevel: 6, palette: true, effort: 1 })
		.toBuffer({ resolveWithObject: true });
	const image = (out: typeof preview) => ({ data: out.data, contentType: 'image/png', width: out.info.width, height: out.info.height });
	return { preview: image(preview), thumb: image(thumb) };
}
