import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The widget form's time token: when the form was shown, signed with the estate's form secret.
 * A person needs more than a couple of seconds to fill the form; a script that posts at once, or
 * replays an old token for days, is refused. No third-party CAPTCHA, no cookie, no stored nonce
 * (so showing the form writes nothing).
 */
const MIN_AGE_MS = 2_000;
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

function signature(secret: Uint8Array, estateId: string, issuedAt: number): string {
	return createHmac('sha256', secret).update(`${estateId}.${issuedAt}`).digest('base64url').slice(0, 32);
}

export function issueFormToken(widget: { estateId: string; formSecret: Uint8Array }, now: Date): string {
	const issuedAt = now.getTime();
	return `${issuedAt}.${signature(widget.formSecret, widget.estateId, issuedAt)}`;
}

export type FormTokenCheck = 'ok' | 'too_fast' | 'expired';

/** Whether a posted token is genuine, old enough and still fresh; a forged or missing token reads as expired. */
export function checkFormToken(widget: { estateId: string; formSecret: Uint8Array }, token: string, now: Date): FormTokenCheck {
	const match = /^([0-9]{10,16})\.([A-Za-z0-9_-]{32})$/.exec(token);
	if (!match) return 'expired';
	const issuedAt = Number(match[1]);
	const expected = Buffer.from(signature(widget.formSecret, widget.estateId, issuedAt));
	if (!timingSafeEqual(expected, Buffer.from(match[2]!))) return 'expired';
	const age = now.getTime() - issuedAt;
	if (age < MIN_AGE_MS) return 'too_fast';
	return age > MAX_AGE_MS ? 'expired' : 'ok';
}
