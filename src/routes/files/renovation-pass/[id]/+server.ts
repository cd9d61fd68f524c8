import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serveGenerated } from '#lib/server/files/service.ts';
import { passPdfFor } from '#lib/server/renovations/permit-document.ts';

/**
 * A worker pass's PDF, drawn now, for whoever may see its application (the applicant side prints
 * it for the worker; the estate's renovation staff). Everyone else gets the same 404.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.actor) error(404, 'Not found');
	const { pdf, filename } = await passPdfFor(locals.actor, params.id);
	return serveGenerated(pdf, 'application/pdf', filename);
};
