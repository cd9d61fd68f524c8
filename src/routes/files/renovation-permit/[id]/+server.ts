import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serveGenerated } from '#lib/server/files/service.ts';
import { permitPdfFor } from '#lib/server/renovations/permit-document.ts';

/**
 * A construction permit's PDF, drawn now (its QR code leads to /verify), for whoever may see its
 * application: the applicant side and the estate's renovation staff. Everyone else — another
 * company, a contractor not invited, a signed-out visitor — gets the same 404.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.actor) error(404, 'Not found');
	const { pdf, filename } = await permitPdfFor(locals.actor, params.id);
	return serveGenerated(pdf, 'application/pdf', filename);
};
