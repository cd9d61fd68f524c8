import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serveFile } from '#lib/server/files/service.ts';
import { complaintFileFor } from '#lib/server/complaints/queries.ts';

/** A complaint's photo (or, for staff, a callback signature), for whoever may see the complaint; everyone else gets the same 404. */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) error(404, 'Not found');
	return serveFile(await complaintFileFor(locals.actor, params.id), request);
};
