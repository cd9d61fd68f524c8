import { describe, expect, it } from 'vitest';
import { sniffDocumentType, sniffImageType } from './sniff.ts';

const bytes = (...parts: (string | number[])[]) =>
	new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

const ftyp = (major: string, ...compatible: string[]) =>
	bytes([0, 0, 0, 16 + 4 * compatible.length], 'ftyp', major, [0, 0, 0, 0], ...compatible, [0, 0, 0, 0]);

describe('image type sniffing', () => {
	it('recognises the formats phones send by their first bytes', () => {
		expect(sniffImageType(bytes([0xff, 0xd8, 0xff, 0xe1]))).toBe('jpeg');
		expect(sniffImageType(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
		expect(sniffImageType(bytes('GIF89a'))).toBe('gif');
		expect(sniffImageType(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('webp');
	});

	it('tells an iPhone HEIC from an AVIF by the ftyp brands', () => {
		expect(sniffImageType(ftyp('heic', 'mif1', 'heic'))).toBe('heic');
		expect(sniffImageType(ftyp('mif1', 'heic'))).toBe('heic');
		expect(sniffImageType(ftyp('avif', 'mif1', 'miaf'))).toBe('avif');
		expect(sniffImageType(ftyp('mif1', 'avif'))).toBe('avif');
	});

	it('refuses anything else, whatever its name says', () => {
		expect(sniffImageType(bytes('<!doctype html><script>alert(1)</script>'))).toBeNull();
		expect(sniffImageType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
		expect(sniffImageType(bytes('%PDF-1.7'))).toBeNull();
		expect(sniffImageType(ftyp('isom', 'mp41'))).toBeNull();
		expect(sniffImageType(new Uint8Array(0))).toBeNull();
		expect(sniffImageType(bytes([0xff, 0xd8]))).toBeNull();
	});
});

describe('sniffDocumentType', () => {
	it('knows a PDF, a PNG and a JPEG by their first bytes', () => {
		expect(sniffDocumentType(bytes('%PDF-1.7\n%âãÏÓ\n'))).toBe('pdf');
		expect(sniffDocumentType(bytes('\x89PNG\r\n\x1a\n', [0, 0, 0, 13]))).toBe('png');
		expect(sniffDocumentType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
	});

	it('knows a DWG by its version string, old and new', () => {
		expect(sniffDocumentType(bytes('AC1032', [0, 0, 0, 0, 0]))).toBe('dwg');
		expect(sniffDocumentType(bytes('AC1015', [0, 0, 0, 0, 0]))).toBe('dwg');
		expect(sniffDocumentType(bytes('AC1.50', [0]))).toBe('dwg');
	});

	it('knows an ASCII DXF (with or without a comment first) and a binary DXF', () => {
		expect(sniffDocumentType(bytes('  0\r\nSECTION\r\n  2\r\nHEADER\r\n'))).toBe('dxf');
		expect(sniffDocumentType(bytes('999\nmade by a CAD program\n0\nSECTION\n2\nENTITIES\n'))).toBe('dxf');
		expect(sniffDocumentType(bytes('AutoCAD Binary DXF\r\n\x1a\x00', [0, 0]))).toBe('dxf');
	});

	it('calls an executable a program, whatever it is named', () => {
		expect(sniffDocumentType(bytes('MZ\x90\x00\x03\x00'))).toBe('program');
		expect(sniffDocumentType(bytes('\x7fELF\x02\x01\x01'))).toBe('program');
		expect(sniffDocumentType(bytes([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]))).toBe('program');
	});

	it('knows nothing of text, of a GIF (not a drawing type) or of an empty file', () => {
		expect(sniffDocumentType(bytes('Dear sir, please find the drawings attached'))).toBeNull();
		expect(sniffDocumentType(bytes('GIF89a'))).toBeNull();
		expect(sniffDocumentType(bytes('SECTION\n0\n'))).toBeNull();
		expect(sniffDocumentType(new Uint8Array(0))).toBeNull();
	});
});
