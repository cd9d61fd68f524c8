import type { AnyColumn, SQL } from 'drizzle-orm';
/**
 * Lookups kept for the rest of one read-only request. The resident home alone asked four services
 * for the actor's occupancies, each reading them again; a memo lets the first answer serve them all.
 *
 * Only a GET or HEAD request gets one (hooks.server.ts): loads never write, so what one part of such
 * a request read stays true for the rest of it. A form post may change what it read (joining a
 * unit, ending a tenancy) and then render the page in the same request, so it has none — and nor do
 * jobs, scripts and tests, whose actors outlive the data they were made from: there every lookup
 * reads afresh.
 */
export type RequestMemo = Map<symbol, Promise<unknown>>;

export function requestMemo(method: string): RequestMemo | undefined {
	return method === 'GET' || method === 'HEAD' ? new Map() : undefined;
}

/** `read()`'s answer, read once per memo under `key`; without a memo, read every time. A failure is not kept. */
export function remembered<T>(memo: RequestMemo | undefined, key: symbol, read: () => Promise<T>): Promise<T> {
	if (!memo) return read();
	let answer = memo.get(key) as Promise<T> | undefined;
	if (!answer) {
		answer = read();
		memo.set(key, answer);
		answer.catch(() => memo.delete(key));
	}
	return answer;
}

/**
 * A lookup that can ride along with the statement that reads the request's session (auth/
 * sessions.ts): `column` is a scalar subquery correlated to the session's user (`userId`, the
 * users.id column), `read` turns its value into what `remembered(memo, key, …)` would have read.
 * Every signed-in page asked for the same few things about its actor (the occupancies it holds,
 * its unread notifications) in statements of their own; read with the session they cost no extra
 * trip to the database. The domains that own the lookups define them; the hooks choose them.
 */
export interface Prefetch<T = unknown> {
	key: symbol;
	column: (userId: SQL | AnyColumn) => SQL;
	read: (value: unknown) => T;
}

/** Puts what the session's statement read into the memo, as the lookups' own answers. */
export function seedMemo(memo: RequestMemo, prefetch: readonly Prefetch[], values: readonly unknown[]): void {
	prefetch.forEach((p, i) => memo.set(p.key, Promise.resolve(p.read(values[i]))));
}
