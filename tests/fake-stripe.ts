// A tiny local stand-in for the Stripe endpoints Lobby calls, so the real stripe SDK can be pointed
// at it in tests (STRIPE_API_BASE / host, port, protocol). Only POST /v1/checkout/sessions exists.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface FakeStripeRequest {
	method: string;
	path: string;
	idempotencyKey: string | null;
	authorization: string | null;
	params: URLSearchParams;
}

export interface FakeSession {
	id: string;
	object: 'checkout.session';
	url: string;
	status: 'open' | 'complete' | 'expired';
	payment_status: 'unpaid' | 'paid';
	mode: string;
	amount_total: number;
	currency: string;
	client_reference_id: string | null;
	metadata: Record<string, string>;
	success_url: string;
	cancel_url: string;
	payment_method_types: string[];
	payment_method_options: Record<string, unknown>;
}

export interface FakeStripe {
	/** e.g. http://127.0.0.1:43121 */
	url: string;
	requests: FakeStripeRequest[];
	/** Checkout sessions created, by id (an idempotent replay creates none). */
	sessions: Map<string, FakeSession>;
	/** Makes the next n create calls answer 500 (to test provider failures). */
	failNext(n?: number): void;
	close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => (body += chunk));
		req.on('end', () => resolve(body));
		req.on('error', reject);
	});
}

/** Collects form-encoded keys like metadata[paymentId] or payment_method_types[0]. */
function bracketed(params: URLSearchParams, prefix: string): Map<string, string> {
	const found = new Map<string, string>();
	for (const [key, value] of params) {
		if (key.startsWith(`${prefix}[`)) found.set(key.slice(prefix.length + 1, key.indexOf(']', prefix.length)), value);
	}
	return found;
}

function sessionFrom(params: URLSearchParams): FakeSession {
	const id = `cs_test_${randomBytes(12).toString('hex')}`;
	const amount = Number(params.get('line_items[0][price_data][unit_amount]') ?? 0) * Number(params.get('line_items[0][quantity]') ?? 1);
	return {
		id,
		object: 'checkout.session',
		url: `https://checkout.stripe.test/c/pay/${id}`,
		status: 'open',
		payment_status: 'unpaid',
		mode: params.get('mode') ?? 'payment',
		amount_total: amount,
		currency: params.get('line_items[0][price_data][currency]') ?? 'cny',
		client_reference_id: params.get('client_reference_id'),
		metadata: Object.fromEntries(bracketed(params, 'metadata')),
		success_url: params.get('success_url') ?? '',
		cancel_url: params.get('cancel_url') ?? '',
		payment_method_types: [
			...bracketed(params, 'allowed_payment_method_types').values(),
			...bracketed(params, 'payment_method_types').values()
		],
		payment_method_options: params.has('payment_method_options[wechat_pay][client]')
			? { wechat_pay: { client: params.get('payment_method_options[wechat_pay][client]') } }
			: {}
	};
}

export async function startFakeStripe(): Promise<FakeStripe> {
	const requests: FakeStripeRequest[] = [];
	const sessions = new Map<string, FakeSession>();
	const byKey = new Map<string, { body: string; status: number; response: string }>();
	let failures = 0;

	async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const raw = await readBody(req);
		const params = new URLSearchParams(raw);
		const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) ?? null;
		const path = (req.url ?? '/').split('?')[0]!;
		requests.push({ method: req.method ?? '', path, idempotencyKey, authorization: req.headers.authorization ?? null, params });
		const send = (status: number, body: string, replayed = false) => {
			res.writeHead(status, {
				'content-type': 'application/json',
				'request-id': `req_${randomBytes(6).toString('hex')}`,
				...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
				...(replayed ? { 'idempotent-replayed': 'true' } : {})
			});
			res.end(body);
		};
		if (!req.headers.authorization?.startsWith('Bearer sk_')) {
			return send(401, JSON.stringify({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } }));
		}
		if (req.method !== 'POST' || path !== '/v1/checkout/sessions') {
			return send(
				404,
				JSON.stringify({ error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${path})` } })
			);
		}
		if (failures > 0) {
			failures--;
			// stripe-should-retry: false keeps the SDK from retrying the injected failure.
			res.setHeader('stripe-should-retry', 'false');
			return send(500, JSON.stringify({ error: { type: 'api_error', message: 'injected failure' } }));
		}
		if (idempotencyKey) {
			const earlier = byKey.get(idempotencyKey);
			if (earlier) {
				if (earlier.body !== raw) {
					return send(
						400,
						JSON.stringify({
							error: {
								type: 'idempotency_error',
								message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.'
							}
						})
					);
				}
				return send(earlier.status, earlier.response, true);
			}
		}
		const amount = Number(params.get('line_items[0][price_data][unit_amount]'));
		if (!params.get('success_url') || !Number.isInteger(amount) || amount <= 0) {
			return send(400, JSON.stringify({ error: { type: 'invalid_request_error', message: 'Missing required param' } }));
		}
		const session = sessionFrom(params);
		sessions.set(session.id, session);
		const response = JSON.stringify(session);
		if (idempotencyKey) byKey.set(idempotencyKey, { body: raw, status: 200, response });
		send(200, response);
	}
	// A request that could not be read ends with a reset connection, which the SDK reports.
	const server = createServer((req, res) => void answer(req, res).catch(() => res.destroy()));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		sessions,
		failNext: (n = 1) => void (failures = n),
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** A Stripe event about a checkout session, as JSON text (sign it with generateTestHeaderString). */
export function checkoutEventPayload(
	session: FakeSession,
	type:
		| 'checkout.session.completed'
		| 'checkout.session.async_payment_succeeded'
		| 'checkout.session.async_payment_failed'
		| 'checkout.session.expired',
	eventId = `evt_${randomBytes(12).toString('hex')}`
): string {
	const object = { ...session };
	if (type === 'checkout.session.completed') Object.assign(object, { status: 'complete', payment_status: 'paid' });
	if (type === 'checkout.session.expired') Object.assign(object, { status: 'expired' });
	return JSON.stringify({
		id: eventId,
		object: 'event',
		api_version: '2026-06-24.dahlia',
		created: Math.floor(Date.now() / 1000),
		type,
		livemode: false,
		pending_webhooks: 1,
		request: { id: null, idempotency_key: null },
		data: { object }
	});
}
