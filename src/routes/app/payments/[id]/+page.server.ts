import type { PageServerLoad } from './$types';
import { requireResident } from '#lib/server/auth/guards.ts';
import { myPaymentDetail } from '#lib/server/fees/resident.ts';

/** Seconds between reloads while the provider's confirmation (the webhook) has not arrived. */
const REFRESH_SECONDS = 3;

// The provider sends the payer back here (?result=success|cancel); the state is always read from
// the database, which only a verified webhook changes.
export const load = (async ({ locals, params, url }) => {
	requireResident(locals.actor);
	const payment = await myPaymentDetail(locals.actor, params.id);
	return { payment, leftCheckout: url.searchParams.get('result') === 'cancel', refreshSeconds: REFRESH_SECONDS };
}) satisfies PageServerLoad;
