import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { handleWebhook } from '#lib/server/payments/service.ts';

/**
 * Payment providers' webhooks. The signature covers the raw bytes, so the body is read as text and
 * handed over untouched. 200: taken (or already taken); 400: not verified, nothing written; 404:
 * no such provider here.
 */
export const POST: RequestHandler = async ({ params, request }) => {
	let rawBody: string;
	try {
		rawBody = await request.text();
	} catch {
		return json({ error: 'unreadable body' }, { status: 400 });
	}
	const result = await handleWebhook(params.provider, rawBody, request.headers);
	if (result.status === 404) return json({ error: 'unknown provider' }, { status: 404 });
	if (result.status === 400) return json({ error: result.reason }, { status: 400 });
	return json({ received: true, result: result.result });
};
