import http from 'node:http';
import zlib from 'node:zlib';
import { expect, test } from '@playwright/test';
import { signIn } from './sign-in.ts';

/** The raw answer: the bytes as sent, before any decoding. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
	return new Promise((resolve, reject) => {
		http
			.get(url, { headers }, (response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
			})
			.on('error', reject);
	});
}

test('pages go out compressed as the browser asks (brotli, else gzip), and plain to a client that asks for neither', async ({
	baseURL
}) => {
	const url = new URL('/login', baseURL).href;
	const br = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
	expect(br.headers['content-encoding']).toBe('br');
	expect(br.headers.vary).toMatch(/accept-encoding/i);
	const html = zlib.brotliDecompressSync(br.body).toString();
	expect(html).toContain('<html');
	expect(br.body.byteLength).toBeLessThan(Buffer.byteLength(html) / 2);

	const gzip = await rawGet(url, { 'accept-encoding': 'gzip' });
	expect(gzip.headers['content-encoding']).toBe('gzip');
	expect(zlib.gunzipSync(gzip.body).toString()).toContain('<html');

	const plain = await rawGet(url, {});
	expect(plain.headers['content-encoding']).toBeUndefined();
	expect(plain.body.toString()).toContain('<html');
});

test('a signed-in resident’s page and its data come compressed too', { tag: '@phone' }, async ({ page }) => {
	await signIn(page, 'resident@lobby.test');
	const home = await page.request.get('/app', { headers: { 'accept-encoding': 'br, gzip' } });
	expect(home.status()).toBe(200);
	expect(home.headers()['content-encoding']).toBe('br');
	const data = await page.request.get('/app/__data.json', { headers: { 'accept-encoding': 'gzip' } });
	expect(data.status()).toBe(200);
	expect(data.headers()['content-encoding']).toBe('gzip');
});
