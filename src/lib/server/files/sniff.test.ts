import { describe, expect, it } from 'vitest';
import { sniffImageType } from './sniff.ts';

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
