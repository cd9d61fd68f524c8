import { randomInt } from 'node:crypto';
import { publicUrl } from '../notify/public-url.ts';

// Capitals and digits without look-alikes (I, O, 0, 1): easy to read aloud and to type.
const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LENGTH = 8;

/** A new tracking code: 8 symbols (40 bits) — and it opens nothing without the visitor's phone or email. */
export function newTrackingCode(): string {
	let code = '';
	for (let i = 0; i < LENGTH; i++) code += alphabet[randomInt(alphabet.length)];
	return code;
}

/** How a tracking code is shown: K7M3-Q9XA. */
export function formatTrackingCode(code: string): string {
	return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The widget's tracking page, as a link in mail and text messages. */
export function trackingPath(widget: { publicKey: string }, locale: string): string {
	return publicUrl(`/widget/${widget.publicKey}/${locale}/track`);
}
