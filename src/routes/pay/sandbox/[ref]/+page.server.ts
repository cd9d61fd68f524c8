import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { type Actor } from '#lib/server/auth/actor.ts';
import { requireResident } from '#lib/server/auth/guards.ts';
import { myPaymentDetail } from '#lib/server/fees/resident.ts';
import { paymentProvider } from '#lib/server/payments/providers.ts';
import { sandboxCheckoutFor } from '#lib/server/payments/queries.ts';
import { completeSandbox } from '#lib/server/payments/sandbox-complete.ts';
import { billReference } from '#lib/references.ts';
import { signInPath } from '#lib/sign-in-path.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import type { SandboxOutcome } from '#lib/server/payments/sandbox.ts';
import { returnUrls } from '#lib/server/payments/service.ts';

/**
 * The sandbox's "hosted payment page": what Stripe Checkout is for real payments. Only while the
 * sandbox is on (config().payments.sandbox; else 404, like its webhook), and only for the payer's
 * own checkout (anyone else gets 404).
 */
function guard(actor: Actor | null, url: URL): asserts actor is Actor {
	if (!paymentProvider('sandbox')) error(404, 'Not found');
	if (!actor) redirect(303, signInPath(url));
	requireResident(actor);
}

const outcomes: Record<string, SandboxOutcome> = { pay: 'succeeded', decline: 'failed', cancel: 'expired' };

export const load = (async ({ locals, params, url }) => {
	guard(locals.actor, url);
	const checkout = await sandboxCheckoutFor(locals.actor, params.ref);
	const detail = await myPaymentDetail(locals.actor, checkout.id);
	return {
		payment: { id: checkout.id, state: checkout.state, amountMinor: checkout.amountMinor, currency: checkout.currency },
		description: m.payments_checkout_description({ bills: detail.bills.map((b) => billReference(b.seq)).join(', ') })
	};
}) satisfies PageServerLoad;

export const actions = {
	/** The payer's choice: pay, decline (fails) or cancel (expires); then back to the shop, like a real provider. */
	default: async ({ locals, params, url, request }) => {
		guard(locals.actor, url);
		const checkout = await sandboxCheckoutFor(locals.actor, params.ref);
		const choice = formText(await request.formData(), 'outcome');
		// Own keys only: "toString" is no outcome.
		const outcome = Object.hasOwn(outcomes, choice) ? outcomes[choice] : undefined;
		if (!outcome) error(400, 'Unknown outcome');
		const back = returnUrls(url.origin, checkout.id);
		if (checkout.state === 'pending') {
			const result = await completeSandbox(params.ref, outcome);
			if (result.status === 404) error(404, 'Not found');
		}
		const to = new URL(outcome === 'succeeded' ? back.successUrl : back.cancelUrl);
		redirect(303, to.pathname + to.search);
	}
} satisfies Actions;
