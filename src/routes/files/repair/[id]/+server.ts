import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serveFile } from '#lib/server/files/service.ts';
import { repairFileFor } from '#lib/server/repairs/queries.ts';

/**
 * A repair photo or signature, for whoever may see the order. Everyone else — another unit's
 * resident, a signed-out visitor — gets the same 404, so a file id reveals nothing.
 */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) error(404, 'Not found');
	const file = await repairFileFor(locals.actor, params.id);
	return serveFile(file, request);
};
