import http from 'node:http';
import net from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { LINGER_BYTES, lingerAfterRefusal } from './refused-bodies.ts';

const MB = 1024 * 1024;
let server: http.Server | undefined;

afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server that answers every post at once, without reading its body: `status` and its own words. */
async function answering(status: number, linger: boolean): Promise<{ port: number; read: () => number }> {
	let socket: net.Socket | undefined;
	server = http.createServer((request, response) => {
		socket = request.socket;
		response.writeHead(status, { 'content-type': 'text/plain' }).end('answered');
	});
	if (linger) lingerAfterRefusal(server);
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	return { port: (server.address() as net.AddressInfo).port, read: () => socket?.bytesRead ?? 0 };
}

/** Waits until the server has read `bytes` (or 5 s have passed), then closes its connections. */
async function readUntil(read: () => number, bytes: number): Promise<void> {
	const deadline = Date.now() + 5000;
	while (read() < bytes && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
	server!.closeAllConnections();
}

/** A client that claims `size` bytes and writes them as fast as it can, whatever the answer; how far it got. */
function post(port: number, size: number): Promise<{ answer: string; sent: number }> {
	return new Promise((resolve) => {
		let sent = 0;
		let answer = '';
		const socket = net.connect(port, '127.0.0.1');
		socket.on('data', (data) => (answer += data.toString()));
		socket.on('error', () => {});
		socket.on('close', () => resolve({ answer, sent }));
		socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${size}\r\n\r\n`);
		const chunk = Buffer.alloc(64 * 1024, 'a');
		const write = () => {
			while (sent < size && !socket.destroyed) {
				sent += chunk.length;
				if (!socket.write(chunk)) return void socket.once('drain', write);
			}
			socket.end();
		};
		write();
	});
}

describe('a body refused as too large', () => {
	it('is read only a little past the answer, which the client gets, and then the connection is dropped', async () => {
		const { port, read } = await answering(413, true);
		const { answer, sent } = await post(port, 400 * MB);
		expect(answer).toMatch(/^HTTP\/1\.1 413/);
		expect(sent).toBeLessThan(400 * MB);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(read()).toBeLessThan(LINGER_BYTES + 32 * MB);
	});

	it('would otherwise be read to its end (Node keeps the connection for a next request)', async () => {
		const { port, read } = await answering(413, false);
		const client = post(port, 200 * MB);
		await readUntil(read, 150 * MB);
		await client;
		expect(read()).toBeGreaterThan(150 * MB);
	});

	it('leaves any other answer’s connection as it is', async () => {
		const { port, read } = await answering(400, true);
		const client = post(port, 100 * MB);
		await readUntil(read, LINGER_BYTES + 32 * MB);
		await client;
		expect(read()).toBeGreaterThan(LINGER_BYTES + 32 * MB);
	});
});
