import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serveFile } from '#lib/server/files/service.ts';
import { receiptFor } from '#lib/server/receipts/queries.ts';
import { ensureReceiptFile } from '#lib/server/receipts/issue.ts';
import { receiptFilename } from '#lib/server/receipts/number.ts';

/**
 * A receipt's PDF, for the paying unit's residents and finance staff of its estate; everyone else
 * gets the same 404. Opened before the issue job has run, it is rendered and stored now.
 */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) error(404, 'Not found');
	const receipt = await receiptFor(locals.actor, params.id);
	const file = await ensureReceiptFile(receipt.id);
	return serveFile(file, request, { filename: receiptFilename(receipt.seq), generated: true });
};
