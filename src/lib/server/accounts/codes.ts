import { randomString } from '../auth/tokens.ts';

/** How long an invitation code works; the mail states it in days. */
export const INVITATION_TTL_DAYS = 14;
export const INVITATION_TTL_MS = INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000;
const CODE_LENGTH = 10;
const codePattern = /^[a-km-np-z2-9]{10}$/;

/** 10 symbols of 5 bits: 50 bits, typed by hand, far beyond online guessing. */
export function newInvitationCode(): string {
	return randomString(CODE_LENGTH);
}

/** How people see and type a code: ABCD-EFGH-JK. */
export function formatCode(code: string): string {
	const upper = code.toUpperCase();
	return [upper.slice(0, 4), upper.slice(4, 8), upper.slice(8)].filter(Boolean).join('-');
}

/** Accepts any case, spaces and dashes; null when it cannot be a code at all. */
export function normalizeCode(input: string): string | null {
	const code = input.replace(/[\s\-_.]/g, '').toLowerCase();
	return codePattern.test(code) ? code : null;
}
