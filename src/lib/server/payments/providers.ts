import type { OnlineProviderName, PaymentProvider } from './provider.ts';
import { sandboxProvider } from './sandbox.ts';
import { stripeProvider, stripeSettingsFromEnv } from './stripe.ts';

const installed = new Map<string, PaymentProvider | null>();

/**
 * Whether the sandbox is offered: PAYMENTS_SANDBOX=on|off; unset, it is on only while Stripe is not
 * configured, so a deployment that takes real money does not also accept demo payments.
 */
export function sandboxEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
	const flag = env.PAYMENTS_SANDBOX?.trim().toLowerCase();
	if (flag === 'on') return true;
	if (flag === 'off') return false;
	return stripeSettingsFromEnv(env) === null;
}

function fromEnv(name: OnlineProviderName): PaymentProvider | null {
	if (name === 'stripe') {
		const settings = stripeSettingsFromEnv();
		return settings ? stripeProvider(settings) : null;
	}
	return sandboxEnabled() ? sandboxProvider() : null;
}

/** The online provider of that name, or null when unknown or not configured. */
export function paymentProvider(name: string): PaymentProvider | null {
	// Only known names are cached: the name comes from the webhook URL.
	if (name !== 'stripe' && name !== 'sandbox') return null;
	if (!installed.has(name)) installed.set(name, fromEnv(name));
	return installed.get(name) ?? null;
}

/** The online providers on offer, for the "pay" page. */
export function availableProviders(): OnlineProviderName[] {
	return (['stripe', 'sandbox'] as const).filter((name) => paymentProvider(name) !== null);
}

/** Installs a provider (tests, or wiring a configured instance); null removes it; undefined re-reads the environment. */
export function setPaymentProvider(name: OnlineProviderName, provider: PaymentProvider | null | undefined): void {
	if (provider === undefined) installed.delete(name);
	else installed.set(name, provider);
}
