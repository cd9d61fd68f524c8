import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serveFile } from '#lib/server/files/service.ts';
import { noticeFileFor } from '#lib/server/notices/files.ts';

/** A notice's file (a PDF or an image), for the office of its estate and the residents it was sent to; everyone else gets the same 404. */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) error(404, 'Not found');
	return serveFile(await noticeFileFor(locals.actor, params.id), request);
};
