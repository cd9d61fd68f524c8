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

/** Document types a renovation application takes, told apart by their first bytes. */
export type DocumentType = 'pdf' | 'png' | 'jpeg' | 'dwg' | 'dxf';

/** How many first bytes sniffDocumentType needs to see. */
export const SNIFF_BYTES = 512;

// AutoCAD's DWG versions: R2.5 (AC1002) to 2018+ (AC1032), and the oldest ones (AC1.2 … AC2.10).
const dwgVersion = /^AC(?:10(?:0[2-9]|1[0-9]|2[0-9]|3[0-9])|1\.2|1\.40|1\.50|2\.10)/;
// An ASCII DXF starts with group code 0 and SECTION, or with a 999 comment before it.
const dxfStart = /^(?:\uFEFF)?\s*(?:999\s*\r?\n[^\n]*\n\s*)?0\s*\r?\n\s*SECTION\s*\r?\n/;

/**
 * A document's type by its signature, or 'program' for an executable whatever its name, or null
 * for anything else. File names and the browser's claimed type are never consulted: a renamed
 * executable is a program, a text file named .pdf is nothing.
 */
export function sniffDocumentType(bytes: Uint8Array): DocumentType | 'program' | null {
	const head = ascii(bytes, 0, Math.min(bytes.length, SNIFF_BYTES));
	if (head.startsWith('%PDF-')) return 'pdf';
	const image = sniffImageType(bytes);
	if (image === 'png' || image === 'jpeg') return image;
	if (dwgVersion.test(head)) return 'dwg';
	if (head.startsWith('AutoCAD Binary DXF\r\n\x1a\x00') || dxfStart.test(head)) return 'dxf';
	// Windows (MZ), Linux (ELF), macOS (Mach-O, either byte order and the universal binary).
	if (
		head.startsWith('MZ') ||
		head.startsWith('\x7fELF') ||
		/^(?:\xfe\xed\xfa[\xce\xcf]|[\xce\xcf]\xfa\xed\xfe|\xca\xfe\xba\xbe)/.test(head)
	) {
		return 'program';
	}
	return null;
}
