import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import compression from 'compression';

/**
 * Pages and data compressed on the built server itself: the embedded default has no reverse proxy
 * in front, and a page's HTML and __data.json are a few kilobytes that shrink to a third over
 * mobile data. Files the adapter has already compressed at build time (_app/immutable, sent with
 * their Content-Encoding) are left as they are. The middleware wraps the response's write and end,
 * so it is installed ahead of the server's own request handler (brotli or gzip, as negotiated).
 */
export function compressResponses(server: Server): void {
	const compress = compression({ threshold: 1024 });
	server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
		compress(request as never, response as never, () => {});
	});
}
