import { eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { config } from '../config.ts';
import { sameSitePath } from '../kernel/same-site-path.ts';
import { accountKey, clearFailures, ipKey, minutesLocked, recordFailure } from './throttle.ts';

export interface SignInInput {
	email: string;
	password: string;
	/** The client address, for the per-address limit. */
	ip: string;
}

export type SignInResult =
	| { ok: true; user: { id: string; kind: 'resident' | 'staff' | 'contractor'; locale: string | null } }
	| { ok: false; reason: 'invalid' | 'disabled' }
	| { ok: false; reason: 'locked'; retryInMinutes: number };

let timingHash: Promise<string> | undefined;

/**
 * The page to go to after signing in: `next` when it is a path on this site (the one normaliser,
 * kernel/same-site-path.ts), never back to sign-in or sign-out; otherwise home ("/" sends staff
 * to /staff and residents to /app).
 */
export function pageAfterSignIn(next: string | null | undefined): string {
	const path = sameSitePath(next);
	if (!path) return '/';
	const { pathname } = new URL(path, 'http://same-site.invalid');
	return pathname === '/login' || pathname === '/logout' ? '/' : path;
}

/**
 * Checks email and password under the throttle. Unknown emails cost the same hashing work as
 * known ones, so response times do not reveal which addresses have accounts.
 */
export async function signIn(input: SignInInput, now = new Date()): Promise<SignInResult> {
	const limits = config().login;
	const email = input.email.trim().toLowerCase();
	const keys = [accountKey(email), ipKey(input.ip)];
	const locked = () =>
		minutesLocked(
			[
				{ key: keys[0]!, max: limits.maxAccountFailures },
				{ key: keys[1]!, max: limits.maxIpFailures }
			],
			now,
			limits
		);
	const wait = await locked();
	if (wait !== null) return { ok: false, reason: 'locked', retryInMinutes: wait };

	const [user] = await db().select().from(users).where(eq(users.email, email));
	let valid = false;
	if (user?.passwordHash) {
		valid = await verifyPassword(user.passwordHash, input.password);
	} else {
		timingHash ??= hashPassword('timing-equaliser-not-a-password');
		await verifyPassword(await timingHash, input.password);
	}
	if (!user || !valid) {
		await recordFailure(keys, now, limits);
		const waitNow = await locked();
		if (waitNow !== null) return { ok: false, reason: 'locked', retryInMinutes: waitNow };
		return { ok: false, reason: 'invalid' };
	}
	if (user.disabled) return { ok: false, reason: 'disabled' };
	await clearFailures(keys[0]!);
	return { ok: true, user: { id: user.id, kind: user.kind, locale: user.locale } };
}
