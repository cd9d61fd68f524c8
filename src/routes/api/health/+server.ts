import type { RequestHandler } from './$types';
import { databaseHealth } from '#lib/server/db/health.ts';

export const GET: RequestHandler = async () => {
	const health = await databaseHealth();
	return Response.json(health, {
		status: health.status === 'ok' ? 200 : 503,
		headers: { 'Cache-Control': 'no-store' }
	});
};
