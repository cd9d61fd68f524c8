// Fixtures made at test time with sharp: no binary files in git.
import zlib from 'node:zlib';
import sharp from 'sharp';

/** A 4000×3000 camera JPEG stored sideways (EXIF orientation 6) with GPS and camera tags. */
export async function phoneJpeg({ width = 4000, height = 3000 } = {}): Promise<Uint8Array> {
	// Orientation 6 turns the stored pixels 90° clockwise for viewing, so the stored left half
	// (red) is the top of the scene: the test can see which way the output was turned.
	const left = await sharp({ create: { width: width / 2, height, channels: 3, background: '#d00000' } })
		.png()
		.toBuffer();
	const buffer = await sharp({ create: { width, height, channels: 3, background: '#0000d0' } })
		.composite([{ input: left, top: 0, left: 0 }])
		.jpeg({ quality: 90 })
		.withMetadata({ orientation: 6 })
		.withExif({
			IFD0: { Make: 'Lobbyphone', Model: 'Test 15', Orientation: '6' },
			IFD3: {
				GPSLatitudeRef: 'N',
				GPSLatitude: '22/1 16/1 3000/100',
				GPSLongitudeRef: 'E',
				GPSLongitude: '114/1 10/1 1200/100'
			}
		})
		.toBuffer();
	return new Uint8Array(buffer);
}

export async function smallPng({ alpha = false } = {}): Promise<Uint8Array> {
	const background = alpha ? { r: 0, g: 0, b: 0, alpha: 0 } : '#00a000';
	return new Uint8Array(
		await sharp({ create: { width: 300, height: 200, channels: alpha ? 4 : 3, background } })
			.png()
			.toBuffer()
	);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
	const body = new Uint8Array([...new TextEncoder().encode(type), ...data]);
	const out = new Uint8Array(12 + data.length);
	const view = new DataView(out.buffer);
	view.setUint32(0, data.length);
	out.set(body, 4);
	view.setUint32(8 + data.length, zlib.crc32(body));
	return out;
}

/**
 * A valid PNG header claiming width×height (a decompression bomb): a few hundred bytes that
 * would need gigabytes if anything decoded it.
 */
export function pngClaiming(width: number, height: number): Uint8Array {
	const ihdr = new Uint8Array(13);
	const view = new DataView(ihdr.buffer);
	view.setUint32(0, width);
	view.setUint32(4, height);
	ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
	const parts = [
		new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', ihdr),
		pngChunk('IDAT', zlib.deflateSync(new Uint8Array(64 * 1024))),
		pngChunk('IEND', new Uint8Array(0))
	];
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

/** What an iPhone HEIC starts with: an ftyp box with the heic brand (contents are junk). */
export function fakeHeic(): Uint8Array {
	const text = (s: string) => [...s].map((c) => c.charCodeAt(0));
	return new Uint8Array([0, 0, 0, 0x18, ...text('ftypheic'), 0, 0, 0, 0, ...text('mif1heic'), ...new Array<number>(4096).fill(7)]);
}

export const file = (bytes: Uint8Array | string, name: string, type = 'image/jpeg') =>
	new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name, { type });
