import { and, asc, eq, gt, lt } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { loginFailures } from '../db/schema/index.ts';
import { config, type Config } from '../config.ts';

/**
 * Failures counted per key in a sliding window (LOGIN_* settings, config.ts): sign-in counts them
 * per account and per client address, joining with an invitation code per code and per address.
 */
export type ThrottleLimits = Config['login'];

export const accountKey = (email: string) => `acct:${email.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;
/** Invitation codes tried from one address (a flood of guesses from one place). */
export const joinIpKey = (ip: string) => `join-ip:${ip}`;
/** One code tried again and again (as typed, normalised; bounded so a huge input is one short key). */
export const joinCodeKey = (code: string) =>
	`join-code:${code
		.replace(/[\s\-_.]/g, '')
		.toLowerCase()
		.slice(0, 40)}`;

/**
 * How long `key` stays refused, in ms, or null when it may try. A key is refused while it has
 * `max` failures inside the window; it frees up when enough of them age out.
 */
async function lockedFor(key: string, max: number, now: Date, limits: ThrottleLimits = config().login): Promise<number | null> {
	const since = new Date(now.getTime() - limits.windowMs);
	const rows = await db()
		.select({ at: loginFailures.at })
		.from(loginFailures)
		.where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)))
		.orderBy(asc(loginFailures.at));
	if (rows.length < max) return null;
	const freedBy = rows[rows.length - max]!.at.getTime() + limits.windowMs;
	return Math.max(freedBy - now.getTime(), 1);
}

/** The first of these keys that is refused, as whole minutes to wait; null when all may try. */
export async function minutesLocked(
	keys: readonly { key: string; max: number }[],
	now: Date,
	limits: ThrottleLimits = config().login
): Promise<number | null> {
	for (const { key, max } of keys) {
		const wait = await lockedFor(key, max, now, limits);
		if (wait !== null) return Math.ceil(wait / 60_000);
	}
	return null;
}

export async function recordFailure(keys: string[], now: Date, limits: ThrottleLimits = config().login): Promise<void> {
	await db()
		.insert(loginFailures)
		.values(keys.map((key) => ({ key, at: now })));
	// Opportunistic clean-up keeps the table as small as the window.
	await db()
		.delete(loginFailures)
		.where(lt(loginFailures.at, new Date(now.getTime() - limits.windowMs)));
}

export async function clearFailures(key: string): Promise<void> {
	await db().delete(loginFailures).where(eq(loginFailures.key, key));
}
