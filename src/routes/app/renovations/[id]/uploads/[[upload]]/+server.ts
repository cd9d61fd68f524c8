import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { renovationUploads } from '#lib/server/renovations/document-uploads.ts';

/**
 * The application's resumable upload address (tus): POST starts an upload, HEAD asks how much
 * arrived, PATCH sends the next bytes, DELETE gives it up. Signed-out visitors get 404, as do
 * people who may not see the application and anyone asking about someone else's upload.
 */
const tus: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) error(404, 'Not found');
	return renovationUploads(locals.actor, params.id, request);
};

export const POST = tus;
export const HEAD = tus;
export const PATCH = tus;
export const DELETE = tus;
