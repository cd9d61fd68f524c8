/**
 * What a request may carry, checked once for every request before any route reads it:
 *
 * - Size. A body is small (DEFAULT_BODY_BYTES) unless it is a multipart post to an upload
 *   route and action of the table in boot/upload-routes.ts. A bigger body is refused with 413 at once — by its
 *   Content-Length before a byte is read, by counting for a chunked one — so an anonymous 100 MB
 *   post is never buffered or parsed and the server keeps answering everyone else.
 * - Uploads. A multipart post to an upload route is not read here: the route reads it with
 *   readUploadForm (upload-form.ts), which streams files to disk within the route's limits. A
 *   chunk of a resumable upload (files/resumable.ts) streams through, counted, within its size.
 * - Control characters (control-characters.ts). Search parameters that carry them redirect to
 *   the cleaned address; form fields lose them before any action reads the form. JSON and other
 *   bodies (webhooks, whose signature covers the exact bytes) pass unchanged.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { Handle } from '@sveltejs/kit/hooks';
import { m } from '#lib/paraglide/messages.js';
import { hasControlCharacters, stripControlCharacters } from './control-characters.ts';
import { discardUploads, registerUpload, type UploadLimits } from './upload-form.ts';

const MB = 1024 * 1024;

/**
 * Every form that is not an upload: long text, and a drawn signature (≤ 400 000 characters of
 * a PNG data URL, which needs JavaScript and is therefore posted as multipart, unencoded).
 */
export const DEFAULT_BODY_BYTES = MB;

/** Route id → action ('default', or the name after `?/`) → the limits of an upload to it. */
export type UploadRoutes = Readonly<Record<string, Readonly<Record<string, UploadLimits>>>>;

/** Route id → the largest chunk a resumable (tus) upload sends there in one PATCH. */
export type ResumableRoutes = Readonly<Record<string, number>>;

/** The largest body any route takes: the server's outer limit (BODY_SIZE_LIMIT). */
export function largestBody(routes: UploadRoutes, resumable: ResumableRoutes = {}): number {
	return Math.max(
		DEFAULT_BODY_BYTES,
		...Object.values(routes).flatMap((actions) => Object.values(actions).map((limit) => limit.bodyBytes)),
		...Object.values(resumable)
	);
}

/** The form action a post names, as SvelteKit reads it: `?/name`, else the default one. */
function actionOf(url: URL): string {
	for (const key of url.searchParams.keys()) if (key.startsWith('/')) return key.slice(1);
	return 'default';
}

function mediaType(request: Request): string {
	return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

function tooLarge(limit: number): Response {
	return new Response(m.files_request_too_large({ max: Math.round(limit / MB) }), {
		status: 413,
		// No "Connection: close": closing while the client still sends makes its network stack
		// drop the answer unread (a reset). The server reads a little of the rest and then drops
		// the connection (lib/server/refused-bodies.ts).
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
}

/** The address without control characters, or null when it has none. */
function cleanedSearch(url: URL): string | null {
	let dirty = false;
	const clean = new URLSearchParams();
	for (const [name, value] of url.searchParams) {
		dirty ||= hasControlCharacters(name) || hasControlCharacters(value);
		clean.append(stripControlCharacters(name), stripControlCharacters(value));
	}
	if (!dirty) return null;
	const search = clean.toString();
	return url.pathname + (search ? `?${search}` : '');
}

const tooLargeError = () => Object.assign(new Error('Payload Too Large'), { status: 413 });

/** The body, or null when it is bigger than `limit` (read no further than that). */
async function readAtMost(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | null> {
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			reader.releaseLock();
			return null;
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks);
}

/** The same request with a body that errors (status 413) once it has passed `limit` bytes. */
function countedRequest(request: Request, limit: number): Request {
	const reader = request.body!.getReader();
	let size = 0;
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			const { done, value } = await reader.read();
			if (done) return controller.close();
			size += value.byteLength;
			// Not reader.cancel(): that would drop the connection before the 413 can be answered.
			if (size > limit) return controller.error(tooLargeError());
			controller.enqueue(value);
		},
		cancel: (reason) => reader.cancel(reason)
	});
	return new Request(request.url, {
		method: request.method,
		headers: request.headers,
		body,
		signal: request.signal,
		duplex: 'half'
	} as RequestInit);
}

/** The same request with the body read, and form fields without control characters. */
async function cleanedRequest(request: Request, bytes: Uint8Array): Promise<Request> {
	const headers = new Headers(request.headers);
	// The body is now whole bytes (or a new form): its length is the Request's own.
	headers.delete('content-length');
	headers.delete('transfer-encoding');
	let body: BodyInit = bytes as Uint8Array<ArrayBuffer>;
	const type = mediaType(request);
	if (type === 'application/x-www-form-urlencoded') {
		const fields = [...new URLSearchParams(new TextDecoder().decode(bytes))];
		if (fields.some(([name, value]) => hasControlCharacters(name) || hasControlCharacters(value))) {
			body = new URLSearchParams(fields.map(([name, value]) => [stripControlCharacters(name), stripControlCharacters(value)])).toString();
		}
	} else if (type === 'multipart/form-data') {
		// Small by now (the default limit); a malformed one is left for the route to refuse.
		const form = await new Response(body, { headers: { 'content-type': headers.get('content-type')! } }).formData().catch(() => null);
		const fields = form ? [...form] : [];
		if (fields.some(([name, value]) => hasControlCharacters(name) || (typeof value === 'string' && hasControlCharacters(value)))) {
			const clean = new FormData();
			for (const [name, value] of fields)
				clean.append(stripControlCharacters(name), typeof value === 'string' ? stripControlCharacters(value) : value);
			body = clean;
			// A new boundary: the Request sets the type.
			headers.delete('content-type');
		}
	}
	return new Request(request.url, { method: request.method, headers, body, signal: request.signal });
}

/**
 * The hook (see the file comment); `routes` is the table of routes that take more than the
 * default, `resumable` the addresses that take raw chunks of resumable uploads.
 */
export function requestGuard(routes: UploadRoutes, resumable: ResumableRoutes = {}): Handle {
	return async ({ event, resolve }) => {
		const clean = cleanedSearch(event.url);
		if (clean !== null) {
			if (event.request.method === 'GET' || event.request.method === 'HEAD') {
				return new Response(null, { status: 303, headers: { location: clean } });
			}
			return new Response('Bad Request', { status: 400 });
		}

		const { request } = event;
		if (!request.body) return resolve(event);
		// A chunk of a resumable upload: raw bytes the tus server reads as they come, counted here.
		const chunk = mediaType(request) === 'application/offset+octet-stream' ? resumable[event.route.id ?? ''] : undefined;
		if (chunk !== undefined) {
			if (Number(request.headers.get('content-length') ?? NaN) > chunk) return tooLarge(chunk);
			return resolve({ ...event, request: countedRequest(request, chunk) } satisfies RequestEvent);
		}
		// Only a multipart post streams; the same action answering a url-encoded one reads it here.
		const upload = mediaType(request) === 'multipart/form-data' ? routes[event.route.id ?? '']?.[actionOf(event.url)] : undefined;
		const limit = upload?.bodyBytes ?? DEFAULT_BODY_BYTES;
		const declared = Number(request.headers.get('content-length') ?? NaN);
		if (declared > limit) return tooLarge(limit);

		if (upload) {
			const counted = countedRequest(request, limit);
			registerUpload(counted, upload);
			try {
				return await resolve({ ...event, request: counted } satisfies RequestEvent);
			} finally {
				await discardUploads(counted);
			}
		}

		let bytes: Uint8Array | null;
		try {
			bytes = await readAtMost(request.body, limit);
		} catch (cause) {
			// adapter-node's own limit (BODY_SIZE_LIMIT) errors the stream with 413 as well.
			if ((cause as { status?: number } | null)?.status === 413) return tooLarge(limit);
			return new Response('Bad Request', { status: 400 });
		}
		if (!bytes) return tooLarge(limit);
		return resolve({ ...event, request: await cleanedRequest(request, bytes) } satisfies RequestEvent);
	};
}
