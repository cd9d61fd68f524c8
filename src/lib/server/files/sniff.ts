/** Image types told apart by their first bytes; what the browser or the file name claims is ignored. */
export type SniffedType = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'heic';

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

// ISO-BMFF brands: HEVC-coded HEIF (iPhone photos) versus AV1-coded AVIF. mif1/msf1 are the
// generic HEIF brands; without an AVIF brand beside them the content is HEVC in practice.
const heicBrands = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']);
const avifBrands = new Set(['avif', 'avis']);

export function sniffImageType(bytes: Uint8Array): SniffedType | null {
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
	if (bytes.length >= 8 && ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
	if (bytes.length >= 6 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) return 'gif';
	if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
	if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp') {
		const boxSize = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
		const end = Math.min(bytes.length, Math.max(16, boxSize));
		const brands = [ascii(bytes, 8, 12)];
		for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, at + 4));
		if (brands.some((b) => avifBrands.has(b))) return 'avif';
		if (brands.some((b) => heicBrands.has(b))) return 'heic';
	}
	return null;
}
