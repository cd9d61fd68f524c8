import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';

/**
 * The resident's "pay" form on the bills page (one per unit). Which bills may be paid, and with
 * which provider, is the payment service's decision (its messages land at billIds / provider);
 * this only keeps the posted values to a sane shape.
 */
export const paySchema = z.object({
	/** Names the form (one per unit on the page); the bills decide the unit. */
	unitId: z.string().trim().max(40).default(''),
	billIds: z.array(z.string().trim().max(40)).max(60).default([]),
	/** Made once per page render: a repeated submit is the same payment. */
	idempotencyKey: z
		.string()
		.trim()
		.min(8, { error: () => m.bills_form_stale() })
		.max(200, { error: () => m.bills_form_stale() }),
	provider: z.string().trim().max(20).default('')
});

export type PayForm = z.infer<typeof paySchema>;

export function payFormId(unitId: string): string {
	return `pay-${unitId}`;
}
