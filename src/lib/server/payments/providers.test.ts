import { describe, expect, it } from 'vitest';
import { paymentProvider, sandboxEnabled } from './providers.ts';
import { stripeSettingsFromEnv } from './stripe.ts';
import { sandboxProvider, signSandboxPayload, SANDBOX_SIGNATURE_HEADER } from './sandbox.ts';
import { WebhookRejected } from './provider.ts';

describe('provider configuration', () => {
	it('offers Stripe only with both its secret key and webhook secret', () => {
		expect(stripeSettingsFromEnv({ STRIPE_SECRET_KEY: 'sk_test_1' })).toBeNull();
		expect(stripeSettingsFromEnv({ STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_WEBHOOK_SECRET: 'whsec_1', STRIPE_API_BASE: 'http://127.0.0.1:9' })).toEqual({
			secretKey: 'sk_test_1',
			webhookSecret: 'whsec_1',
			apiBase: 'http://127.0.0.1:9'
		});
	});

	it('offers the sandbox by default only while Stripe is not configured; PAYMENTS_SANDBOX overrides', () => {
		const stripe = { STRIPE_SECRET_KEY: 'sk_live_1', STRIPE_WEBHOOK_SECRET: 'whsec_1' };
		expect(sandboxEnabled({})).toBe(true);
		expect(sandboxEnabled(stripe)).toBe(false);
		expect(sandboxEnabled({ ...stripe, PAYMENTS_SANDBOX: 'on' })).toBe(true);
		expect(sandboxEnabled({ PAYMENTS_SANDBOX: 'off' })).toBe(false);
	});

	it('knows no provider by any other name (counter payments are not webhooks)', () => {
		expect(paymentProvider('counter')).toBeNull();
		expect(paymentProvider('__proto__')).toBeNull();
	});
});

describe('sandbox signatures', () => {
	const provider = sandboxProvider('s3cret');
	const body = JSON.stringify({ id: 'evt_1', type: 'sandbox.checkout.succeeded', data: { ref: 'sbx_1' } });
	const headers = (value: string) => new Headers({ [SANDBOX_SIGNATURE_HEADER]: value });

	it('accepts its own signature and maps the outcome', () => {
		expect(provider.parseWebhook(body, headers(signSandboxPayload(body, 's3cret')))).toMatchObject({
			eventId: 'evt_1',
			providerRef: 'sbx_1',
			outcome: 'succeeded'
		});
	});

	it('rejects another secret, a changed body, a malformed header and an old timestamp', () => {
		const reason = (fn: () => unknown) => {
			try {
				fn();
			} catch (error) {
				return error instanceof WebhookRejected ? error.reason : 'other';
			}
			return 'accepted';
		};
		expect(reason(() => provider.parseWebhook(body, headers(signSandboxPayload(body, 'other'))))).toBe('signature');
		expect(reason(() => provider.parseWebhook(`${body} `, headers(signSandboxPayload(body, 's3cret'))))).toBe('signature');
		expect(reason(() => provider.parseWebhook(body, headers('v1=zz')))).toBe('signature');
		expect(reason(() => provider.parseWebhook(body, new Headers()))).toBe('signature');
		const old = Math.floor(Date.now() / 1000) - 301;
		expect(reason(() => provider.parseWebhook(body, headers(signSandboxPayload(body, 's3cret', old))))).toBe('stale');
	});

	it('gives the same checkout for the same idempotency key', async () => {
		const request = { paymentId: 'p', amountMinor: 1, currency: 'CNY', description: '', successUrl: '', cancelUrl: '' };
		const a = await provider.createCheckout({ ...request, idempotencyKey: 'k-1' });
		expect(await provider.createCheckout({ ...request, idempotencyKey: 'k-1' })).toEqual(a);
		expect((await provider.createCheckout({ ...request, idempotencyKey: 'k-2' })).providerRef).not.toBe(a.providerRef);
	});
});
