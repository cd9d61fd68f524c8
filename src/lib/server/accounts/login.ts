import { eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { accountKey, clearFailures, ipKey, lockedFor, recordFailure, throttleLimits } from './throttle.ts';

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
 * Checks email and password under the throttle. Unknown emails cost the same hashing work as
 * known ones, so response times do not reveal which addresses have accounts.
 */
export async function signIn(input: SignInInput, now = new Date()): Promise<SignInResult> {
	const limits = throttleLimits();
	const email = input.email.trim().toLowerCase();
	const keys = [accountKey(email), ipKey(input.ip)];
	const locked = async () =>
		(await lockedFor(keys[0]!, limits.maxAccountFailures, now, limits)) ??
		(await lockedFor(keys[1]!, limits.maxIpFailures, now, limits));
	const wait = await locked();
	if (wait !== null) return { ok: false, reason: 'locked', retryInMinutes: Math.ceil(wait / 60_000) };

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
		if (waitNow !== null) return { ok: false, reason: 'locked', retryInMinutes: Math.ceil(waitNow / 60_000) };
		return { ok: false, reason: 'invalid' };
	}
	if (user.disabled) return { ok: false, reason: 'disabled' };
	await clearFailures(keys[0]!);
	return { ok: true, user: { id: user.id, kind: user.kind, locale: user.locale } };
}
