import type { Cookies } from '@sveltejs/kit';
import { parseSetCookie } from 'cookie';
import type { Actor } from '../src/lib/server/auth/actor.ts';
import { InputError } from '../src/lib/server/kernel/input-error.ts';

/** An in-memory cookie jar with the parts of SvelteKit's Cookies that the app uses. */
export function cookieJar(initial: Record<string, string> = {}): Cookies & { jar: Map<string, string> } {
	const jar = new Map(Object.entries(initial));
	return {
		jar,
		get: (name) => jar.get(name),
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		set: (name, value) => void jar.set(name, value),
		delete: (name) => void jar.delete(name),
		serialize: (name, value) => `${name}=${value}`,
		parse: parseSetCookie
	};
}

/** A field's value; a list posts the field once per item (checkboxes, several photos). */
type FormValue = string | Blob | (string | Blob)[];

function formData(fields: Record<string, FormValue>): FormData {
	const data = new FormData();
	for (const [key, value] of Object.entries(fields)) {
		if (Array.isArray(value)) for (const v of value) data.append(key, v);
		else data.append(key, value);
	}
	return data;
}

export interface FakeEventOptions {
	actor?: Actor | null;
	path?: string;
	form?: Record<string, FormValue>;
	params?: Record<string, string>;
	cookies?: ReturnType<typeof cookieJar>;
	ip?: string;
	headers?: Record<string, string>;
}

/**
 * A RequestEvent good enough to call a route's `load` or form action directly, so integration
 * tests go through the real action code, validation and database.
 */
export function fakeEvent(options: FakeEventOptions = {}) {
	const url = new URL(options.path ?? '/', 'http://localhost:3000');
	const request = new Request(url, {
		method: options.form ? 'POST' : 'GET',
		body: options.form ? formData(options.form) : undefined,
		headers: { origin: url.origin, ...options.headers }
	});
	const cookies = options.cookies ?? cookieJar();
	return {
		request,
		url,
		params: options.params ?? {},
		cookies,
		locals: { actor: options.actor ?? null },
		getClientAddress: () => options.ip ?? '203.0.113.7',
		setHeaders: () => {},
		fetch,
		route: { id: null },
		isDataRequest: false,
		isSubRequest: false,
		platform: undefined,
		depends: () => {},
		parent: async () => ({}),
		untrack: <T>(fn: () => T) => fn()
	} as never;
}

/** What a load or action throws: a SvelteKit redirect (location) or error (body). */
export interface Thrown {
	status: number;
	location?: string;
	body?: unknown;
}

/** Runs something that is expected to throw a SvelteKit redirect or error, and returns it. */
export async function thrown(fn: () => unknown): Promise<Thrown> {
	try {
		await fn();
	} catch (err) {
		return err as Thrown;
	}
	throw new Error('expected a redirect or an error, but nothing was thrown');
}

/** The status of what a service throws when it refuses (a 403, a 404, a stale state…). */
export async function statusOf(fn: () => unknown): Promise<number> {
	return (await thrown(fn)).status;
}

/** Runs something a person's input should be refused by, and returns the refusal (anything else thrown fails the test). */
export async function inputErrorOf(fn: () => unknown): Promise<InputError> {
	try {
		await fn();
	} catch (err) {
		if (err instanceof InputError) return err;
		throw err;
	}
	throw new Error('expected an input error, but nothing was thrown');
}
