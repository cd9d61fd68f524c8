import { afterEach, describe, expect, it, vi } from 'vitest';
import { availableProviders, paymentProvider } from './providers.ts';
import { resetConfig } from '../config.ts';
import { sandboxProvider, signSandboxPayload, SANDBOX_SIGNATURE_HEADER } from './sandbox.ts';
import { WebhookRejected } from './provider.ts';

const PAYMENT_ENV = [
	'DATABASE_URL',
	'STRIPE_SECRET_KEY',
	'STRIPE_WEBHOOK_SECRET',
	'STRIPE_API_BASE',
	'PAYMENTS_SANDBOX',
	'SANDBOX_WEBHOOK_SECRET'
];

/** The environment as the server would read it at start (unset = empty, as config.ts reads it). */
function environment(env: Record<string, string>) {
	for (const name of PAYMENT_ENV) vi.stubEnv(name, env[name] ?? '');
	resetConfig();
}

describe('provider configuration', () => {
	afterEach(() => {
		vi.unstubAllEnvs();
		resetConfig();
	});

	it('offers Stripe only with its secret key and webhook secret', () => {
		environment({ DATABASE_URL: 'postgres://db/lobby' });
		expect(paymentProvider('stripe')).toBeNull();
		environment({ DATABASE_URL: 'postgres://db/lobby', STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_WEBHOOK_SECRET: 'whsec_1' });
		expect(paymentProvider('stripe')?.name).toBe('stripe');
		expect(availableProviders()).toEqual(['stripe']);
	});

	it('offers the sandbox by default only on the embedded database while Stripe is not configured; PAYMENTS_SANDBOX overrides', () => {
		const stripe = { STRIPE_SECRET_KEY: 'sk_live_1', STRIPE_WEBHOOK_SECRET: 'whsec_1' };
		environment({});
		expect(availableProviders()).toEqual(['sandbox']);
		environment(stripe);
		expect(availableProviders()).toEqual(['stripe']);
		environment({ ...stripe, PAYMENTS_SANDBOX: 'on' });
		expect(availableProviders()).toEqual(['stripe', 'sandbox']);
		environment({ PAYMENTS_SANDBOX: 'off' });
		expect(availableProviders()).toEqual([]);
	});

	it('offers nothing online on PostgreSQL unless told: no default secret anywhere', () => {
		environment({ DATABASE_URL: 'postgres://db/lobby' });
		expect(availableProviders()).toEqual([]);
		expect(paymentProvider('sandbox')).toBeNull();
		environment({ DATABASE_URL: 'postgres://db/lobby', PAYMENTS_SANDBOX: 'on', SANDBOX_WEBHOOK_SECRET: 'a-sandbox-secret-of-its-own' });
		expect(availableProviders()).toEqual(['sandbox']);
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
