import { and, count, eq, gt, isNull } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { getLocale, isLocale, type Locale } from '#lib/paraglide/runtime.js';
import { db, type Executor } from '../db/client.ts';
import { oneTimeCodes, outbox, users } from '../db/schema/index.ts';
import { hashPassword } from '../auth/passwords.ts';
import { invalidateUserSessions } from '../auth/sessions.ts';
import { hashSecret, randomString } from '../auth/tokens.ts';
import { deliverEmail, recordEmail } from '../notify/email.ts';
import { scheduleJob, type JobHandler } from '../jobs/queue.ts';
import { recordAudit } from '../events/service.ts';
import { resetSchema } from '#lib/schemas/auth.ts';
import { publicUrl } from '../notify/public-url.ts';
import { accountKey, clearFailures } from './throttle.ts';
import { parseInput } from '../kernel/input-error.ts';

export const RESET_TTL_MS = 60 * 60 * 1000;
/** Accounts that staff create at the counter get longer to set their first password. */
export const ACCOUNT_SETUP_TTL_MS = 3 * 24 * 60 * 60 * 1000;
/** Reset emails per account per hour; more are dropped without telling the requester. */
const RESETS_PER_HOUR = 3;
const TOKEN_LENGTH = 32; // 160 bits
const tokenPattern = /^[a-km-np-z2-9]{32}$/;

/** The link is refused: unknown, used, expired, or its account was disabled. */
export class ResetLinkError extends Error {
	constructor() {
		super('This password link is not valid any more');
		this.name = 'ResetLinkError';
	}
}

/** Stores the hash of a new single-use token for `userId` and returns the token itself. */
export async function issuePasswordToken(executor: Executor, userId: string, ttlMs: number, now = new Date()): Promise<string> {
	const token = randomString(TOKEN_LENGTH);
	await executor.insert(oneTimeCodes).values({
		purpose: 'password_reset',
		codeHash: hashSecret(token),
		userId,
		createdAt: now,
		expiresAt: new Date(now.getTime() + ttlMs)
	});
	return token;
}

export function passwordLink(token: string): string {
	return publicUrl(`/reset/${token}`);
}

/** Emails in the recipient's saved language when there is one, else the request's. */
function localeOption(locale: string | null | undefined) {
	return locale && isLocale(locale) ? { locale } : {};
}

/** The payload of an accounts.password-reset job: the address as typed, and the language it was asked in. */
export interface PasswordResetPayload {
	email: string;
	locale: Locale;
}

/**
 * Asks for a reset link. The request does the same work for every address — it hands the address
 * to a durable job and answers — so neither its answer nor its timing reveals which addresses
 * have accounts. A second request for one address while the first waits adds nothing.
 */
export async function requestPasswordReset(emailInput: string, now = new Date()): Promise<void> {
	const email = emailInput.trim().toLowerCase();
	await scheduleJob(db(), {
		kind: 'accounts.password-reset',
		payload: { email, locale: getLocale() },
		runAt: now,
		dedupeKey: `password-reset:${email}`
	});
}

/**
 * The job behind requestPasswordReset: when the address belongs to an enabled account that has not
 * had RESETS_PER_HOUR links in the last hour, issues a link and writes the email to the outbox in
 * one transaction (the outbox row takes the job's id, so a job that runs again mails once), then
 * hands it to SMTP. Any other address: nothing, silently.
 */
export const passwordResetJob: JobHandler<PasswordResetPayload> = async ({ email, locale }, { job, db: database, now }) => {
	const sent = await database.transaction(async (tx) => {
		// Written by an earlier run of this job already (jobs run at least once): nothing more to do.
		const [done] = await tx.select({ id: outbox.id }).from(outbox).where(eq(outbox.id, job.id));
		if (done) return null;
		const [user] = await tx.select().from(users).where(eq(users.email, email));
		if (!user || user.disabled) return null;
		const [recent] = await tx
			.select({ n: count() })
			.from(oneTimeCodes)
			.where(
				and(
					eq(oneTimeCodes.purpose, 'password_reset'),
					eq(oneTimeCodes.userId, user.id),
					gt(oneTimeCodes.createdAt, new Date(now.getTime() - 60 * 60 * 1000))
				)
			);
		if ((recent?.n ?? 0) >= RESETS_PER_HOUR) return null;
		const token = await issuePasswordToken(tx, user.id, RESET_TTL_MS, now);
		const options = localeOption(user.locale ?? locale);
		const mail = {
			to: user.email,
			subject: m.auth_email_reset_subject({}, options),
			text: m.auth_email_reset_body({ name: user.name, link: passwordLink(token), minutes: RESET_TTL_MS / 60_000 }, options)
		};
		return { outboxId: (await recordEmail(tx, mail, job.id))!, mail };
	});
	if (sent) await deliverEmail(sent.outboxId, sent.mail);
};

async function findUsableToken(executor: Executor, token: string, now: Date, lock: boolean) {
	if (!tokenPattern.test(token)) return null;
	const query = executor
		.select({ code: oneTimeCodes, disabled: users.disabled, email: users.email })
		.from(oneTimeCodes)
		.innerJoin(users, eq(users.id, oneTimeCodes.userId))
		.where(and(eq(oneTimeCodes.codeHash, hashSecret(token)), eq(oneTimeCodes.purpose, 'password_reset')));
	const [row] = lock ? await query.for('update', { of: oneTimeCodes }) : await query;
	if (!row || row.code.usedAt || row.code.expiresAt <= now || row.disabled) return null;
	return row;
}

/** Whether a reset link can still be used (the page shows the form or an explanation). */
export async function resetLinkIsUsable(token: string, now = new Date()): Promise<boolean> {
	return (await findUsableToken(db(), token, now, false)) !== null;
}

/** Sets the new password, spends the link (and any other open link), ends every session. */
export async function resetPassword(token: string, input: { password: string; confirm: string }, now = new Date()): Promise<void> {
	const data = parseInput(resetSchema, input);
	if (!tokenPattern.test(token)) throw new ResetLinkError();
	const passwordHash = await hashPassword(data.password);
	const { userId, email } = await db().transaction(async (tx) => {
		const row = await findUsableToken(tx, token, now, true);
		if (!row?.code.userId) throw new ResetLinkError();
		const userId = row.code.userId;
		await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
		await tx
			.update(oneTimeCodes)
			.set({ usedAt: now, usedBy: userId })
			.where(and(eq(oneTimeCodes.purpose, 'password_reset'), eq(oneTimeCodes.userId, userId), isNull(oneTimeCodes.usedAt)));
		await recordAudit(tx, { actor: { userId }, action: 'account.password_reset', subjectType: 'user', subjectId: userId });
		return { userId, email: row.email };
	});
	await invalidateUserSessions(userId);
	// Proving control of the mailbox is stronger than the failures that locked the account.
	await clearFailures(accountKey(email));
}
