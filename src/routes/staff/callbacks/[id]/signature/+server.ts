import type { RequestHandler } from './$types';
import { callbackSignatureFile } from '#lib/server/callbacks/queries.ts';
import { serveFile } from '#lib/server/files/service.ts';

/** The resident's drawn signature on a callback, for callback staff of the estate (404 otherwise). */
export const GET: RequestHandler = async ({ locals, params, request }) =>
	serveFile(await callbackSignatureFile(locals.actor, params.id), request);
