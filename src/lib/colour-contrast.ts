/**
 * (pages and server) How readable text of one colour is on another: the WCAG 2 contrast ratio of
 * two #rrggbb colours, from 1 (the same) to 21 (black on white). Normal text needs 4.5:1 (AA).
 */

/** The least contrast normal-size text needs (WCAG 2, level AA). */
export const MIN_TEXT_CONTRAST = 4.5;

const hexColour = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i;

export function isHexColour(value: string): boolean {
	return hexColour.test(value);
}

/** A colour's relative luminance (0 black … 1 white); throws for anything but #rrggbb. */
function relativeLuminance(colour: string): number {
	const match = hexColour.exec(colour);
	if (!match) throw new RangeError(`Not a #rrggbb colour: '${colour}'`);
	const [r, g, b] = match.slice(1).map((hex) => {
		const channel = parseInt(hex, 16) / 255;
		return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The contrast ratio of two colours, whichever is lighter. */
export function contrastRatio(a: string, b: string): number {
	const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
	return (light! + 0.05) / (dark! + 0.05);
}
