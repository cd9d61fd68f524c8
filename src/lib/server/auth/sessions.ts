import { and, eq, ne, sql } from 'drizzle-orm';
import type { Cookies } from '@sveltejs/kit';
import { db, preparedOnce, type Executor } from '../db/client.ts';
import { sessions, users } from '../db/schema/index.ts';
import { hashSecret, randomString, secretMatches } from './tokens.ts';
import { actorColumns, actorFromRow, type Actor } from './actor.ts';
import { seedMemo, type Prefetch, type RequestMemo } from '../kernel/request-memo.ts';

export const SESSION_COOKIE = 'lobby_session';
/** A session ends after this long without use (sliding expiry). */
export const INACTIVITY_TIMEOUT_MS = 7 * 24 * 60 * 60 * 1000;
/** How often lastVerifiedAt (and the cookie) is pushed forward, to spare a write per request. */
const ACTIVITY_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export interface SessionRecord {
	id: string;
	userId: string;
	createdAt: Date;
	lastVerifiedAt: Date;
}

export interface NewSession {
	token: string;
	session: SessionRecord;
}

export async function createSession(userId: string, userAgent = ''): Promise<NewSession> {
	const id = randomString(24);
	const secret = randomString(32);
	const now = new Date();
	await db()
		.insert(sessions)
		.values({ id, userId, secretHash: hashSecret(secret), createdAt: now, lastVerifiedAt: now, userAgent: userAgent.slice(0, 300) });
	return { token: `${id}.${secret}`, session: { id, userId, createdAt: now, lastVerifiedAt: now } };
}

/** The statement that reads a session with its actor and, as one JSON array, the prefetched lookups. */
function buildSessionStatement(executor: Executor, prefetch: readonly Prefetch[]) {
	return executor
		.select({
			session: sessions,
			user: actorColumns,
			// As one JSON array: both drivers hand text back as it is.
			prefetched: prefetch.length
				? sql<string>`json_build_array(${sql.join(
						prefetch.map((p) => p.column(users.id)),
						sql`, `
					)})::text`
				: sql<null>`null`
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, sql.placeholder('id')))
		.prepare(`session_${prefetch.length}`);
}

const NONE: readonly Prefetch[] = [];

/** Built once per list of lookups (the hooks pass the same list every time). */
const sessionStatements = new WeakMap<readonly Prefetch[], () => ReturnType<typeof buildSessionStatement>>();
function sessionStatement(prefetch: readonly Prefetch[]) {
	let statement = sessionStatements.get(prefetch);
	if (!statement) sessionStatements.set(prefetch, (statement = preparedOnce((executor) => buildSessionStatement(executor, prefetch))));
	return statement;
}

export interface ValidatedSession {
	session: SessionRecord;
	/** Who the session's user is: read in the same statement as the session. */
	actor: Actor;
	/** True when the expiry was pushed forward and the cookie should be re-sent. */
	refreshed: boolean;
}

/**
 * Checks a `<id>.<secret>` token and reads its user's actor with it, in one statement (it runs on
 * every signed-in request); unknown, tampered, expired or disabled-user sessions give null.
 * `memo`: the request's, for a read-only request (kernel/request-memo.ts); the `prefetch` lookups
 * are then read in the same statement and kept in it.
 */
export async function validateSessionToken(
	token: string,
	now = new Date(),
	memo?: RequestMemo,
	prefetch: readonly Prefetch[] = NONE
): Promise<ValidatedSession | null> {
	const parts = token.split('.');
	if (parts.length !== 2 || !parts[0] || !parts[1] || parts[0].length > 64 || parts[1].length > 64) return null;
	const [id, secret] = parts as [string, string];
	const along = memo ? prefetch : NONE;
	const [row] = await sessionStatement(along)().execute({ id });
	if (!row) return null;
	if (!secretMatches(secret, row.session.secretHash)) return null;
	const actor = actorFromRow(row.user, id, memo);
	if (!actor || now.getTime() - row.session.lastVerifiedAt.getTime() >= INACTIVITY_TIMEOUT_MS) {
		await invalidateSession(id);
		return null;
	}
	if (memo && row.prefetched) seedMemo(memo, along, JSON.parse(row.prefetched) as unknown[]);
	const session: SessionRecord = {
		id,
		userId: row.session.userId,
		createdAt: row.session.createdAt,
		lastVerifiedAt: row.session.lastVerifiedAt
	};
	let refreshed = false;
	if (now.getTime() - session.lastVerifiedAt.getTime() >= ACTIVITY_CHECK_INTERVAL_MS) {
		session.lastVerifiedAt = now;
		await db().update(sessions).set({ lastVerifiedAt: now }).where(eq(sessions.id, id));
		refreshed = true;
	}
	return { session, actor, refreshed };
}

export async function invalidateSession(sessionId: string): Promise<void> {
	await db().delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, or every one but `keepSessionId`. */
export async function invalidateUserSessions(userId: string, keepSessionId?: string): Promise<void> {
	await db()
		.delete(sessions)
		.where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId));
}

/** Secure everywhere except plain http on the loopback host, where browsers would drop it. */
export function cookieIsSecure(url: URL): boolean {
	const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
	return !(url.protocol === 'http:' && loopback);
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: cookieIsSecure(url),
		maxAge: INACTIVITY_TIMEOUT_MS / 1000
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: cookieIsSecure(url) });
}
