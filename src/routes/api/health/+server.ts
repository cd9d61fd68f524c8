import type { RequestHandler } from './$types';
import { databaseHealth } from '#lib/server/db/health.ts';
import { can } from '#lib/server/auth/guards.ts';

/**
 * Up or down, for load balancers and monitors. The database kind, migration level and the
 * reason of a failure tell an attacker about the installation: only an admin reads them.
 */
export const GET: RequestHandler = async ({ locals }) => {
	const health = await databaseHealth();
	const up = health.status === 'ok';
	const body = can(locals.actor, 'staff.manage') ? health : { status: up ? 'ok' : 'down' };
	return Response.json(body, { status: up ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
};
