import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetConfig } from '../config.ts';
import { DEFAULT_BODY_BYTES, requestGuard, type UploadRoutes } from './request-guard.ts';
import { readUploadForm, UnkeptFile } from './upload-form.ts';

const MB = 1024 * 1024;
const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lobby-incoming-'));
beforeAll(() => {
	process.env.UPLOAD_DIR = uploadDir;
	resetConfig();
});
afterAll(() => {
	delete process.env.UPLOAD_DIR;
	resetConfig();
	fs.rmSync(uploadDir, { recursive: true, force: true });
});

const routes: UploadRoutes = {
	'/app/repairs/new': { default: { bodyBytes: 8 * MB, files: 2, fileBytes: 1 * MB } }
};
const guard = requestGuard(routes);

/** Runs the guard for a request; `route` answers in place of SvelteKit when the guard lets it through. */
async function through(
	request: Request,
	routeId: string | null,
	route: (request: Request) => Promise<Response> = async () => new Response('passed')
): Promise<{ response: Response; passed: boolean }> {
	let passed = false;
	const event = { request, url: new URL(request.url), route: { id: routeId } } as unknown as RequestEvent;
	const response = await guard({
		event,
		resolve: async (next) => {
			passed = true;
			return route(next.request);
		}
	});
	return { response, passed };
}

/** A body stream of `size` bytes in 64 KB chunks that counts how much of it was read. */
function source(size: number) {
	let sent = 0;
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (sent >= size) return controller.close();
			const chunk = new Uint8Array(Math.min(65536, size - sent)).fill(97);
			sent += chunk.byteLength;
			controller.enqueue(chunk);
		}
	});
	return { stream, read: () => sent };
}

const post = (pathname: string, init: RequestInit & { duplex?: 'half' }) =>
	new Request(`http://localhost:3000${pathname}`, { method: 'POST', ...init });

describe('the size of a body', () => {
	it('over the default is refused with 413 by its Content-Length, before a byte is read', async () => {
		const body = source(100 * MB);
		const { response, passed } = await through(
			post('/login', {
				body: body.stream,
				duplex: 'half',
				headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(100 * MB) }
			}),
			'/(public)/login'
		);
		expect(response.status).toBe(413);
		expect(await response.text()).toMatch(/at most 1 MB/);
		expect(passed).toBe(false);
		expect(body.read()).toBeLessThanOrEqual(65536);
	});

	it('sent without a length is counted, and refused once it passes the limit', async () => {
		const body = source(100 * MB);
		const { response, passed } = await through(
			post('/login', { body: body.stream, duplex: 'half', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
			'/(public)/login'
		);
		expect(response.status).toBe(413);
		expect(passed).toBe(false);
		expect(body.read()).toBeLessThan(DEFAULT_BODY_BYTES + 3 * 65536);
	});

	it('of a url-encoded post to an upload route is held to the default too', async () => {
		const { response } = await through(
			post('/app/repairs/new', { body: 'x'.repeat(2 * MB), headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
			'/app/repairs/new'
		);
		expect(response.status).toBe(413);
	});

	it('of a JSON post passes byte for byte (a webhook signature covers it)', async () => {
		const json = '{"a":"x\\u0000y"}';
		let seen = '';
		const { response } = await through(
			post('/api/payments/webhook/stripe', { body: json, headers: { 'content-type': 'application/json' } }),
			'/api/payments/webhook/[provider]',
			async (request) => {
				seen = await request.text();
				return new Response('ok');
			}
		);
		expect(response.status).toBe(200);
		expect(seen).toBe(json);
	});
});

describe('control characters', () => {
	it('leave url-encoded fields before the action reads them; line breaks and tabs stay', async () => {
		let fields: [string, FormDataEntryValue][] = [];
		await through(
			post('/login', {
				body: 'email=a%00b%40x.test&note=one%0D%0Atwo%09three%1B',
				headers: { 'content-type': 'application/x-www-form-urlencoded' }
			}),
			'/(public)/login',
			async (request) => {
				fields = [...(await request.formData())];
				return new Response('ok');
			}
		);
		expect(fields).toEqual([
			['email', 'ab@x.test'],
			['note', 'one\r\ntwo\tthree']
		]);
	});

	it('leave multipart fields (as posted by JavaScript forms), and their files stay as they were', async () => {
		const form = new FormData();
		form.append('name', 'Chan\u0000 Tai Man');
		form.append('attachment', new File(['hello'], 'a.txt', { type: 'text/plain' }));
		let received: FormData | undefined;
		await through(post('/app/units/1', { body: form }), '/app/units/[id]', async (request) => {
			received = await request.formData();
			return new Response('ok');
		});
		expect(received?.get('name')).toBe('Chan Tai Man');
		expect(await (received?.get('attachment') as File).text()).toBe('hello');
	});

	it('in a search parameter redirect a page view to the cleaned address, and refuse a post', async () => {
		const view = await through(new Request('http://localhost:3000/staff/registry/units?q=a%00b&page=2'), '/staff/registry/units');
		expect(view.response.status).toBe(303);
		expect(view.response.headers.get('location')).toBe('/staff/registry/units?q=ab&page=2');
		expect(view.passed).toBe(false);
		expect((await through(new Request('http://localhost:3000/staff/fees?q=%00'), '/staff/fees')).response.headers.get('location')).toBe(
			'/staff/fees?q='
		);
		const sent = await through(
			post('/staff/fees?q=%00', { body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
			'/staff/fees'
		);
		expect(sent.response.status).toBe(400);
	});
});

describe('an upload', () => {
	const photo = (size: number, name: string) => new File([new Uint8Array(size).fill(1)], name, { type: 'image/jpeg' });

	it('streams its files to disk within the route limits and hands the route disk-backed files', async () => {
		const form = new FormData();
		form.append('description', 'Leak\u0000 under the sink\r\n');
		form.append('photos', photo(300_000, 'small.jpg'));
		form.append('photos', photo(3 * MB, 'IMG_big.jpg'));
		form.append('photos', photo(10, 'third.jpg'));
		form.append('photos', new File([], '', { type: 'application/octet-stream' }));
		let seen: { description: unknown; files: { name: string; size: number; kept: boolean; bytes?: number }[]; onDisk: number } | undefined;
		const { response } = await through(post('/app/repairs/new', { body: form }), '/app/repairs/new', async (request) => {
			const body = await readUploadForm(request);
			const files = body.getAll('photos') as File[];
			seen = {
				description: body.get('description'),
				files: await Promise.all(
					files.map(async (f) => ({
						name: f.name,
						size: f.size,
						kept: !(f instanceof UnkeptFile),
						...(f instanceof UnkeptFile ? {} : { bytes: (await f.arrayBuffer()).byteLength })
					}))
				),
				onDisk: fs.readdirSync(uploadDir).length
			};
			return new Response('ok');
		});
		expect(response.status).toBe(200);
		expect(seen).toEqual({
			description: 'Leak under the sink\r\n',
			files: [
				{ name: 'small.jpg', size: 300_000, kept: true, bytes: 300_000 },
				// Over the route's 1 MB: counted, not kept; the photo check refuses it by its size.
				{ name: 'IMG_big.jpg', size: 3 * MB, kept: false },
				// Two files are all the route keeps.
				{ name: 'third.jpg', size: 10, kept: false },
				// An empty file input: no photo.
				{ name: '', size: 0, kept: true, bytes: 0 }
			],
			onDisk: 1
		});
		// The request's temporary files are gone once it is answered.
		expect(fs.readdirSync(uploadDir)).toEqual([]);
	});

	it('with a control character in a part header is refused as unreadable (400), not a server error', async () => {
		const form = new FormData();
		form.append('photos', photo(10, 'IMG_\u0007.jpg'));
		let status: number | undefined;
		await through(post('/app/repairs/new', { body: form }), '/app/repairs/new', async (request) => {
			status = await readUploadForm(request).then(
				() => 200,
				(err: { status?: number }) => err.status
			);
			return new Response(null, { status });
		});
		expect(status).toBe(400);
	});

	it('over its body limit is refused with 413 by Content-Length, and by counting while it streams', async () => {
		const big = await through(
			post('/app/repairs/new', {
				body: source(9 * MB).stream,
				duplex: 'half',
				headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(9 * MB) }
			}),
			'/app/repairs/new'
		);
		expect(big.response.status).toBe(413);
		expect(big.passed).toBe(false);

		const boundary = 'lobbyboundary';
		const head = new TextEncoder().encode(
			`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="huge.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`
		);
		const rest = source(9 * MB);
		const body = new ReadableStream<Uint8Array>({
			start: (controller) => controller.enqueue(head),
			pull: async (controller) => {
				const { done, value } = await reader.read();
				if (done) controller.close();
				else controller.enqueue(value);
			}
		});
		const reader = rest.stream.getReader();
		let status: number | undefined;
		await through(
			post('/app/repairs/new', { body, duplex: 'half', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }),
			'/app/repairs/new',
			async (request) => {
				status = await readUploadForm(request).then(
					() => 200,
					(err: { status?: number }) => err.status
				);
				return new Response(null, { status: status ?? 500 });
			}
		);
		expect(status).toBe(413);
		expect(rest.read()).toBeLessThan(8 * MB + 3 * 65536);
		expect(fs.readdirSync(uploadDir)).toEqual([]);
	});
});
