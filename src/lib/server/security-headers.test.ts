import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { addTransportHeaders, transportHeaders } from './security-headers.ts';

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server answering like adapter-node's static files: writeHead with its own headers, no hook. */
async function staticLikeServer(origin: string): Promise<string> {
	server = http.createServer((_request, response) => {
		response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'public,max-age=31536000,immutable' }).end('export {}');
	});
	addTransportHeaders(server, origin);
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}/_app/immutable/entry/app.js`;
}

describe('transport headers', () => {
	it('reach responses that never pass through the hook, such as static files', async () => {
		const response = await fetch(await staticLikeServer('https://lobby.example.com'));
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000');
		expect(response.headers.get('cache-control')).toBe('public,max-age=31536000,immutable');
	});

	it('pin https only where the origin is https, never on http://localhost', async () => {
		const response = await fetch(await staticLikeServer('http://localhost:3000'));
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.has('strict-transport-security')).toBe(false);
		expect(transportHeaders('http://lobby.example.com').map(([name]) => name)).toEqual(['X-Content-Type-Options']);
	});
});
