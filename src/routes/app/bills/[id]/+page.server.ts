import { randomUUID } from 'node:crypto';
import type { PageServerLoad } from './$types';
import { requireResident } from '#lib/server/auth/guards.ts';
import { myBill } from '#lib/server/fees/resident.ts';
import { myBillCorrections } from '#lib/server/fees/credit-notes.ts';
import { m } from '#lib/paraglide/messages.js';
import { correctionTexts } from '#lib/components/bills/correction-texts.ts';
import { availableProviders } from '#lib/server/payments/providers.ts';

export const load = (async ({ locals, params }) => {
	requireResident(locals.actor);
	const detail = await myBill(locals.actor, params.id);
	// Its corrections (a void with why, credit notes, a write-off) and the void it replaces, if any.
	const found = await myBillCorrections(locals.actor, { billId: detail.bill.id });
	const voided = found.find((c) => c.kind === 'void' && c.bill.id === detail.bill.id);
	const corrections = {
		...correctionTexts(found),
		/** Why a cancelled bill was cancelled: its void's reason, in the office's words. */
		voidBanner: voided ? m.corrections_resident_void_banner({ reason: voided.reason ?? '' }) : ''
	};
	const providers = availableProviders();
	// The bill machine says whether a checkout may be opened; something must be owed and a provider on offer.
	const payable = detail.bill.payable && detail.bill.outstandingMinor > 0 && providers.length > 0;
	return {
		...detail,
		corrections,
		// "Pay this bill" posts to the bills page's pay action with a key of its own.
		pay: payable ? { idempotencyKey: randomUUID(), provider: providers[0]! } : null
	};
}) satisfies PageServerLoad;
