import { randomUUID } from 'node:crypto';
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { myBill } from '#lib/server/fees/resident.ts';
import { availableProviders } from '#lib/server/payments/providers.ts';

export const load = (async ({ locals, params }) => {
	requireSignedIn(locals.actor);
	if (locals.actor.kind !== 'resident') error(403, 'Forbidden');
	const detail = await myBill(locals.actor, params.id);
	const providers = availableProviders();
	const payable = detail.bill.state === 'open' && detail.bill.outstandingMinor > 0 && providers.length > 0;
	return {
		...detail,
		// "Pay this bill" posts to the bills page's pay action with a key of its own.
		pay: payable ? { idempotencyKey: randomUUID(), provider: providers[0]! } : null
	};
}) satisfies PageServerLoad;
