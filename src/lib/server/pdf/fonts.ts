/**
 * The CJK fonts the PDFs (receipts, permits) are drawn with, read from npm packages so a fresh clone needs no system
 * fonts: Noto Sans SC (simplified, also covers traditional characters of GB 18030) and Noto Sans HK
 * (traditional, Hong Kong glyph forms), both SIL OFL 1.1, as static TrueType files shipped by
 * `@expo-google-fonts/noto-sans-sc` and `@expo-google-fonts/noto-sans-hk`. PDFKit embeds them as
 * subsets (only the glyphs a page uses), so a receipt stays a few tens of kilobytes.
 *
 * Each file (7–10 MB) is read on first use and kept in memory; the parsed fontkit face (used to
 * ask which font has a glyph) is cached alongside it.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

export type Face = 'sc' | 'hk';
export type Weight = 'regular' | 'bold';

const FILES: Record<Face, Record<Weight, string>> = {
	sc: {
		regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
		bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'
	},
	hk: {
		regular: '@expo-google-fonts/noto-sans-hk/400Regular/NotoSansHK_400Regular.ttf',
		bold: '@expo-google-fonts/noto-sans-hk/700Bold/NotoSansHK_700Bold.ttf'
	}
};

export interface LoadedFace {
	/** The font file, handed to PDFKit (which subsets it). */
	bytes: Buffer;
	/** Answers "does this face have a glyph for …?" without a PDF document. */
	hasGlyph: (codePoint: number) => boolean;
}

const cache = new Map<string, Promise<LoadedFace>>();
const require = createRequire(import.meta.url);

/** The absolute path of a face's font file inside node_modules. */
function fontPath(face: Face, weight: Weight): string {
	return require.resolve(FILES[face][weight]);
}

/** Loads (once per process) one face and weight. */
export function loadFace(face: Face, weight: Weight): Promise<LoadedFace> {
	const key = `${face}-${weight}`;
	let loaded = cache.get(key);
	if (!loaded) {
		loaded = readFile(fontPath(face, weight)).then((bytes) => {
			const parsed = fontkit.create(bytes);
			if (!('hasGlyphForCodePoint' in parsed)) throw new Error(`${key} is a font collection, expected one font.`);
			const glyphs = new Map<number, boolean>();
			return {
				bytes,
				hasGlyph(codePoint: number) {
					let has = glyphs.get(codePoint);
					if (has === undefined) {
						has = parsed.hasGlyphForCodePoint(codePoint);
						glyphs.set(codePoint, has);
					}
					return has;
				}
			};
		});
		// A failed read is not cached, so a later call can try again.
		loaded.catch(() => cache.delete(key));
		cache.set(key, loaded);
	}
	return loaded;
}
