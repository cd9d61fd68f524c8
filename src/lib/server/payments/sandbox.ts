import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
	WEBHOOK_TOLERANCE_SECONDS,
	WebhookRejected,
	type Checkout,
	type CheckoutRequest,
	type HeaderReader,
	type PaymentProvider,
	type WebhookEvent
} from './provider.ts';

export const SANDBOX_SIGNATURE_HEADER = 'sandbox-signature';

export type SandboxOutcome = 'succeeded' | 'failed' | 'expired';

/** The hosted page of a sandbox checkout (the route lives in the app: /pay/sandbox/[ref]). */
function sandboxPagePath(ref: string): string {
	return `/pay/sandbox/${encodeURIComponent(ref)}`;
}

function hmac(secret: string, timestamp: number, body: string): string {
	return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, the shape of Stripe's header. */
export function signSandboxPayload(body: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
	return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

/** A signed sandbox event, ready to post to the webhook endpoint. */
export function sandboxEvent(ref: string, outcome: SandboxOutcome, secret: string) {
	const body = JSON.stringify({
		id: `evt_sbx_${randomBytes(12).toString('hex')}`,
		type: `sandbox.checkout.${outcome}`,
		created: Math.floor(Date.now() / 1000),
		data: { ref }
	});
	return {
		body,
		headers: new Headers({ 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signSandboxPayload(body, secret) })
	};
}

function verify(rawBody: string, header: string | null, secret: string, now = Date.now()): void {
	if (!header) throw new WebhookRejected('signature', 'Missing sandbox signature');
	const parts = new Map(
		header.split(',').map((part) => {
			const at = part.indexOf('=');
			return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
		})
	);
	const timestamp = Number(parts.get('t'));
	const given = parts.get('v1') ?? '';
	if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given)) throw new WebhookRejected('signature', 'Malformed sandbox signature');
	const expected = Buffer.from(hmac(secret, timestamp, rawBody), 'hex');
	if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) throw new WebhookRejected('signature', 'Sandbox signature does not match');
	if (Math.abs(now / 1000 - timestamp) > WEBHOOK_TOLERANCE_SECONDS)
		throw new WebhookRejected('stale', 'Sandbox timestamp outside the tolerance zone');
}

export interface SandboxProvider extends PaymentProvider {
	/** A signed event finishing the checkout, as the sandbox's own "payment network" would send it. */
	completionEvent(ref: string, outcome: SandboxOutcome): { body: string; headers: Headers };
}

export function isSandboxProvider(provider: PaymentProvider | null): provider is SandboxProvider {
	return provider?.name === 'sandbox' && 'completionEvent' in provider;
}

/**
 * The demo provider: no money moves; a local page completes or fails the checkout. Its webhook
 * secret comes from the configuration (SANDBOX_WEBHOOK_SECRET, or one made per process for the
 * embedded database): there is no default in the code.
 */
export function sandboxProvider(secret: string): SandboxProvider {
	return {
		name: 'sandbox',
		completionEvent: (ref, outcome) => sandboxEvent(ref, outcome, secret),
		async createCheckout(request: CheckoutRequest): Promise<Checkout> {
			// The same idempotency key always names the same sandbox checkout.
			const ref = `sbx_${createHash('sha256').update(request.idempotencyKey).digest('hex').slice(0, 32)}`;
			return { providerRef: ref, redirectUrl: sandboxPagePath(ref) };
		},
		parseWebhook(rawBody: string, headers: HeaderReader): WebhookEvent {
			verify(rawBody, headers.get(SANDBOX_SIGNATURE_HEADER), secret);
			let event: unknown;
			try {
				event = JSON.parse(rawBody);
			} catch {
				throw new WebhookRejected('malformed', 'Body is not JSON');
			}
			const e = event as { id?: unknown; type?: unknown; data?: { ref?: unknown } } | null;
			if (!e || typeof e.id !== 'string' || typeof e.type !== 'string') throw new WebhookRejected('malformed', 'Not a sandbox event');
			const ref = typeof e.data?.ref === 'string' ? e.data.ref : null;
			const outcome = /^sandbox\.checkout\.(succeeded|failed|expired)$/.exec(e.type)?.[1] as SandboxOutcome | undefined;
			return {
				eventId: e.id,
				type: e.type,
				providerRef: ref,
				paymentId: null,
				outcome: ref && outcome ? outcome : 'ignored',
				payload: event as Record<string, unknown>
			};
		}
	};
}
