import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { startDatabase } from '#lib/server/db/start.ts';
import { scrape } from '#lib/server/metrics.ts';

/** Prometheus scrapes here with METRICS_TOKEN as its bearer token (lib/server/metrics.ts). */
export const GET: RequestHandler = async ({ request }) => {
	await startDatabase();
	const result = await scrape(request.headers.get('authorization'));
	if (result === 'off') error(404, 'Not found');
	if (result === 'unauthorised') return new Response('Unauthorized', { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });
	return new Response(result.body, { headers: { 'Content-Type': result.contentType, 'Cache-Control': 'no-store' } });
};
