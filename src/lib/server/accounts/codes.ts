import type { Tx } from '../db/client.ts';
import { oneTimeCodes } from '../db/schema/index.ts';
import { hashSecret, randomString } from '../auth/tokens.ts';

/** How long an invitation code works; the mail states it in days. */
export const INVITATION_TTL_DAYS = 14;
const INVITATION_TTL_MS = INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000;
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

type InvitationRow = Pick<
	typeof oneTimeCodes.$inferInsert,
	'purpose' | 'unitId' | 'companyId' | 'renovationId' | 'grantRole' | 'email' | 'createdBy'
>;

/**
 * An invitation's single-use code, stored as its hash with its purpose and what it grants, valid
 * INVITATION_TTL_DAYS from `now`: every invitation (to a unit, a company, a renovation's
 * contractor) is made here. Returns the code as people see it, and its row.
 */
export async function insertInvitationCode(
	tx: Tx,
	row: InvitationRow,
	now = new Date()
): Promise<{ id: string; shown: string; expiresAt: Date }> {
	const code = newInvitationCode();
	const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
	const [inserted] = await tx
		.insert(oneTimeCodes)
		.values({ ...row, codeHash: hashSecret(code), expiresAt })
		.returning({ id: oneTimeCodes.id });
	return { id: inserted!.id, shown: formatCode(code), expiresAt };
}
