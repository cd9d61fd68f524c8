import { and, asc, eq, gt, lt } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { loginFailures } from '../db/schema/index.ts';

export interface ThrottleLimits {
	windowMs: number;
	/** Failures of one account in the window before it is locked. */
	maxAccountFailures: number;
	/** Failures from one address; high, so a shared office address cannot lock out a building. */
	maxIpFailures: number;
}

function positive(value: string | undefined, fallback: number): number {
	const n = Number(value);
	return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function throttleLimits(env: Record<string, string | undefined> = process.env): ThrottleLimits {
	return {
		windowMs: positive(env.LOGIN_WINDOW_SECONDS, 15 * 60) * 1000,
		maxAccountFailures: positive(env.LOGIN_MAX_ACCOUNT_FAILURES, 5),
		maxIpFailures: positive(env.LOGIN_MAX_IP_FAILURES, 100)
	};
}

export const accountKey = (email: string) => `acct:${email.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/**
 * How long `key` stays refused, in ms, or null when it may try. A key is refused while it has
 * `max` failures inside the window; it frees up when enough of them age out.
 */
export async function lockedFor(key: string, max: number, now: Date, limits = throttleLimits()): Promise<number | null> {
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

export async function recordFailure(keys: string[], now: Date, limits = throttleLimits()): Promise<void> {
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
