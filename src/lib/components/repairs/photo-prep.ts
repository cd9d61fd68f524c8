// Shrinks a phone photo in the browser before upload: upright (EXIF orientation applied), long
// side at most 2048 px, JPEG at quality 0.8 — a 12-megapixel photo goes up as well under 1 MB.
// Whatever the browser cannot decode (an HEIC photo in most browsers) goes up as it is; the
// server then re-encodes it or explains at the field what to do. No dependency, a few hundred bytes.

const MAX_LONG_SIDE = 2048;
const JPEG_QUALITY = 0.8;

export interface PreparedPhoto {
	/** What is uploaded: the shrunk JPEG, or the original file when the browser could not read it. */
	blob: Blob;
	/** The name sent with it (the user's name; ".jpg" once re-encoded). */
	name: string;
	/** Whether the browser could decode it (and so show a thumbnail). */
	decoded: boolean;
}

/** One photo in a PhotoField: kept here, not in the component, so pages can import the type from plain TypeScript. */
export interface ChosenPhoto {
	key: number;
	name: string;
	/** Set once the photo has been prepared (shrunk, or kept as it is). */
	prepared: PreparedPhoto | null;
	/** A blob: URL of the prepared JPEG for the thumbnail; null when the browser could not read it. */
	url: string | null;
	ready: Promise<void>;
}

function jpegName(name: string): string {
	const base = name.replace(/\.[^./\\]*$/, '') || 'photo';
	return `${base}.jpg`;
}

function toBlob(canvas: HTMLCanvasElement | OffscreenCanvas): Promise<Blob | null> {
	if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
	return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
}

export async function preparePhoto(file: File): Promise<PreparedPhoto> {
	const original: PreparedPhoto = { blob: file, name: file.name, decoded: false };
	if (typeof createImageBitmap !== 'function' || file.size === 0) return original;
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
	} catch {
		return original;
	}
	try {
		const scale = Math.min(1, MAX_LONG_SIDE / Math.max(bitmap.width, bitmap.height));
		const width = Math.max(1, Math.round(bitmap.width * scale));
		const height = Math.max(1, Math.round(bitmap.height * scale));
		const canvas =
			typeof OffscreenCanvas === 'function'
				? new OffscreenCanvas(width, height)
				: Object.assign(document.createElement('canvas'), { width, height });
		const context = canvas.getContext('2d');
		if (!context) return { ...original, decoded: true };
		// Transparent PNGs become white, as the server would make them.
		context.fillStyle = '#fff';
		context.fillRect(0, 0, width, height);
		context.imageSmoothingQuality = 'high';
		context.drawImage(bitmap, 0, 0, width, height);
		const blob = await toBlob(canvas);
		if (!blob) return { ...original, decoded: true };
		// A small photo that is already a JPEG may be smaller as it is; the server re-encodes it anyway.
		if (scale === 1 && file.type === 'image/jpeg' && file.size <= blob.size) return { ...original, decoded: true };
		return { blob, name: jpegName(file.name), decoded: true };
	} catch {
		return original;
	} finally {
		bitmap.close();
	}
}
