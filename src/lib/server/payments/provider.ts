/**
 * One interface for every online payment provider (Stripe Checkout, the demo sandbox). Counter
 * payments are recorded by staff and need no provider: see counter.ts.
 */

export type OnlineProviderName = 'stripe' | 'sandbox';

export interface CheckoutRequest {
	paymentId: string;
	amountMinor: number;
	/** ISO 4217, upper case as stored ('CNY'); providers convert as they need. */
	currency: string;
	description: string;
	successUrl: string;
	cancelUrl: string;
	/** Sent on every create call: a repeated call returns the same checkout. */
	idempotencyKey: string;
}

export interface Checkout {
	providerRef: string;
	redirectUrl: string;
}

export type WebhookOutcome = 'succeeded' | 'failed' | 'expired' | 'ignored';

export interface WebhookEvent {
	eventId: string;
	type: string;
	/** The provider's id of the checkout (Stripe Checkout Session id, sandbox ref). */
	providerRef: string | null;
	/** Our payment id when the provider echoes it back (client_reference_id / metadata). */
	paymentId: string | null;
	outcome: WebhookOutcome;
	/** The verified event as received, kept in payment_webhook_events. */
	payload: Record<string, unknown>;
}

/** Anything minimal enough to read a header: the Fetch API's Headers satisfies it. */
export interface HeaderReader {
	get(name: string): string | null;
}

export type WebhookRejectReason = 'signature' | 'stale' | 'malformed';

/** The webhook is not to be trusted (bad or missing signature, stale timestamp, not an event). */
export class WebhookRejected extends Error {
	readonly reason: WebhookRejectReason;
	constructor(reason: WebhookRejectReason, message: string) {
		super(message);
		this.name = 'WebhookRejected';
		this.reason = reason;
	}
}

export interface PaymentProvider {
	readonly name: OnlineProviderName;
	createCheckout(request: CheckoutRequest): Promise<Checkout>;
	/** Verifies the signature over the raw body, then maps the event; throws WebhookRejected. */
	parseWebhook(rawBody: string, headers: HeaderReader): WebhookEvent | Promise<WebhookEvent>;
}

/** Signed webhooks older (or further in the future) than this are refused. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
