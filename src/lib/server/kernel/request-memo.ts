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
