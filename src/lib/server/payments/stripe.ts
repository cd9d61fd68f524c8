import Stripe from 'stripe';
import {
	WEBHOOK_TOLERANCE_SECONDS,
	WebhookRejected,
	type Checkout,
	type CheckoutRequest,
	type HeaderReader,
	type PaymentProvider,
	type WebhookEvent,
	type WebhookOutcome
} from './provider.ts';

/** config().payments.stripe: STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET and STRIPE_API_BASE. */
export interface StripeSettings {
	secretKey: string;
	webhookSecret: string;
	/** e.g. http://127.0.0.1:12111 for the local fake in tests; unset: api.stripe.com. */
	apiBase?: string | undefined;
}

function clientFor(settings: StripeSettings): Stripe {
	const config: ConstructorParameters<typeof Stripe>[1] = { maxNetworkRetries: 2, timeout: 20_000 };
	if (settings.apiBase) {
		const base = new URL(settings.apiBase);
		config.host = base.hostname;
		config.port = base.port || (base.protocol === 'http:' ? 80 : 443);
		config.protocol = base.protocol === 'http:' ? 'http' : 'https';
	}
	return new Stripe(settings.secretKey, config);
}

function outcomeOf(type: string, session: Record<string, unknown>): WebhookOutcome {
	switch (type) {
		case 'checkout.session.completed':
			// Delayed methods complete the session unpaid and report later (async_payment_*).
			return session.payment_status === 'paid' ? 'succeeded' : 'ignored';
		case 'checkout.session.async_payment_succeeded':
			return 'succeeded';
		case 'checkout.session.async_payment_failed':
			return 'failed';
		case 'checkout.session.expired':
			return 'expired';
		default:
			return 'ignored';
	}
}

/** Stripe Checkout Sessions: card, Alipay and WeChat Pay (web client), paid on Stripe's page. */
export function stripeProvider(settings: StripeSettings): PaymentProvider {
	const stripe = clientFor(settings);
	return {
		name: 'stripe',
		async createCheckout(request: CheckoutRequest): Promise<Checkout> {
			const session = await stripe.checkout.sessions.create(
				{
					mode: 'payment',
					// The current API (SDK 23) filters the dynamic set; the static payment_method_types list is gone.
					allowed_payment_method_types: ['card', 'alipay', 'wechat_pay'],
					payment_method_options: { wechat_pay: { client: 'web' } },
					line_items: [
						{
							quantity: 1,
							price_data: {
								currency: request.currency.toLowerCase(),
								unit_amount: request.amountMinor,
								product_data: { name: request.description }
							}
						}
					],
					client_reference_id: request.paymentId,
					metadata: { paymentId: request.paymentId },
					payment_intent_data: { metadata: { paymentId: request.paymentId } },
					success_url: request.successUrl,
					cancel_url: request.cancelUrl
				},
				{ idempotencyKey: request.idempotencyKey }
			);
			if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
			return { providerRef: session.id, redirectUrl: session.url };
		},
		parseWebhook(rawBody: string, headers: HeaderReader): WebhookEvent {
			const signature = headers.get('stripe-signature');
			if (!signature) throw new WebhookRejected('signature', 'Missing Stripe-Signature header');
			let event: Stripe.Event;
			try {
				event = stripe.webhooks.constructEvent(rawBody, signature, settings.webhookSecret, WEBHOOK_TOLERANCE_SECONDS);
			} catch (error) {
				const message = error instanceof Error ? error.message : String(error);
				if (/timestamp outside the tolerance/i.test(message)) throw new WebhookRejected('stale', message);
				if (error instanceof SyntaxError) throw new WebhookRejected('malformed', message);
				throw new WebhookRejected('signature', message);
			}
			const raw = event as unknown as Record<string, unknown>;
			if (typeof event.id !== 'string' || typeof event.type !== 'string') {
				throw new WebhookRejected('malformed', 'Not a Stripe event');
			}
			const data = (raw.data ?? {}) as { object?: Record<string, unknown> };
			const object = data.object ?? {};
			const isSession = object.object === 'checkout.session';
			const metadata = (object.metadata ?? {}) as Record<string, unknown>;
			const paymentId =
				typeof object.client_reference_id === 'string'
					? object.client_reference_id
					: typeof metadata.paymentId === 'string'
						? metadata.paymentId
						: null;
			return {
				eventId: event.id,
				type: event.type,
				providerRef: isSession && typeof object.id === 'string' ? object.id : null,
				paymentId: isSession ? paymentId : null,
				outcome: isSession ? outcomeOf(event.type, object) : 'ignored',
				payload: raw
			};
		}
	};
}
