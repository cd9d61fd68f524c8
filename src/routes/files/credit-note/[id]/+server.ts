import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { serveGenerated } from '#lib/server/files/service.ts';
import { creditNotePdf } from '#lib/server/fees/credit-notes.ts';

/**
 * A credit note's PDF, for the residents of its bill's party and finance staff of its estate;
 * everyone else gets the same 404. Drawn on each request from the append-only credit note.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.actor) error(404, 'Not found');
	const { filename, pdf } = await creditNotePdf(locals.actor, params.id, { locale: getLocale() });
	return serveGenerated(pdf, 'application/pdf', filename);
};
