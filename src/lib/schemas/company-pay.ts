import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';

/**
 * The company admin's "pay" form on the company's total (one per estate). Which bills may be paid,
 * and with which provider, is the payment service's decision (its messages land at billIds /
 * provider); this only keeps the posted values to a sane shape.
 */
export const companyPaySchema = z.object({
	/** Names the form (one per estate on the page); the bills decide the estate. */
	estateId: z.string().trim().max(40).default(''),
	billIds: z.array(z.string().trim().max(40)).max(250).default([]),
	/** Made once per page render: a repeated submit is the same payment. */
	idempotencyKey: z
		.string()
		.trim()
		.min(8, { error: () => m.bills_form_stale() })
		.max(200, { error: () => m.bills_form_stale() }),
	provider: z.string().trim().max(20).default('')
});

export type CompanyPayForm = z.infer<typeof companyPaySchema>;

export function companyPayFormId(estateId: string): string {
	return `company-pay-${estateId}`;
}
