import { paymentProvider } from './providers.ts';
import { isSandboxProvider, type SandboxOutcome } from './sandbox.ts';
import { handleWebhook, type WebhookResult } from './service.ts';

/**
 * The sandbox page's "pay" / "fail" buttons: a signed, webhook-shaped event that goes through the
 * same handleWebhook path as a provider's call. The caller (the page) must first check that the
 * checkout is the actor's own (sandboxCheckoutFor in queries.ts). 404 when the sandbox is off.
 */
export async function completeSandbox(ref: string, outcome: SandboxOutcome): Promise<WebhookResult> {
	const provider = paymentProvider('sandbox');
	if (!isSandboxProvider(provider)) return { status: 404 };
	const { body, headers } = provider.completionEvent(ref, outcome);
	return handleWebhook('sandbox', body, headers);
}
