/**
 * The online providers on offer, from the configuration (config.ts: `payments.stripe`,
 * `payments.sandbox`). Nothing here has a default secret: a provider whose settings are absent is
 * simply not offered — the bills page then says online payment is unavailable, the sandbox page
 * and its webhook answer 404, and counter payments work as ever.
 */
import { config, type Config } from '../config.ts';
import type { OnlineProviderName, PaymentProvider } from './provider.ts';
import { sandboxProvider } from './sandbox.ts';
import { stripeProvider } from './stripe.ts';

/** Providers built from one configuration (rebuilt when tests read the environment again). */
let built: { from: Config; providers: Map<OnlineProviderName, PaymentProvider | null> } | null = null;
/** Providers installed by tests (null: turned off). */
const installed = new Map<OnlineProviderName, PaymentProvider | null>();

function fromConfig(name: OnlineProviderName): PaymentProvider | null {
	const settings = config();
	if (built?.from !== settings) built = { from: settings, providers: new Map() };
	if (!built.providers.has(name)) {
		const { stripe, sandbox } = settings.payments;
		built.providers.set(
			name,
			name === 'stripe' ? (stripe ? stripeProvider(stripe) : null) : sandbox ? sandboxProvider(sandbox.webhookSecret) : null
		);
	}
	return built.providers.get(name) ?? null;
}

/** The online provider of that name, or null when unknown or not configured. */
export function paymentProvider(name: string): PaymentProvider | null {
	// The name comes from a URL (the webhook's): only the two known ones are looked up.
	if (name !== 'stripe' && name !== 'sandbox') return null;
	return installed.has(name) ? (installed.get(name) ?? null) : fromConfig(name);
}

/** The online providers on offer, for the "pay" page. */
export function availableProviders(): OnlineProviderName[] {
	return (['stripe', 'sandbox'] as const).filter((name) => paymentProvider(name) !== null);
}

/** Installs a provider in tests; null turns it off; undefined goes back to the configuration. */
export function setPaymentProvider(name: OnlineProviderName, provider: PaymentProvider | null | undefined): void {
	if (provider === undefined) installed.delete(name);
	else installed.set(name, provider);
}
