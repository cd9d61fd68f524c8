import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** How long, and how much, the rest of a refused body is read and thrown away before the connection closes. */
const LINGER_MS = 2000;
export const LINGER_BYTES = 16 * 1024 * 1024;

/**
 * A body refused as too large (413: forms/request-guard.ts, and adapter-node's own limit) is not
 * read to its end. Once the answer is sent, Node reads and throws away the rest of an unread body
 * to keep the connection for a next request — all of it: a client claiming 400 MB got 400 MB read.
 * Instead, as web servers do ("lingering close"), the rest is read and thrown away for at most
 * LINGER_MS and about LINGER_BYTES — long enough for the client to read the answer rather than a
 * reset — and then the connection is dropped. (Node's parser drops a thrown-away body's chunks
 * itself, so what it read is the socket's count.)
 */
export function lingerAfterRefusal(server: Server): void {
	server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
		response.once('finish', () => {
			if (response.statusCode !== 413 || request.complete) return;
			const socket = request.socket;
			const before = socket.bytesRead;
			const stop = () => {
				clearTimeout(timer);
				clearInterval(counting);
			};
			const timer = setTimeout(() => socket.destroy(), LINGER_MS);
			const counting = setInterval(() => {
				if (request.complete) stop();
				else if (socket.bytesRead - before > LINGER_BYTES) socket.destroy();
			}, 20);
			timer.unref();
			counting.unref();
			socket.once('close', stop);
			request.resume();
		});
	});
}
