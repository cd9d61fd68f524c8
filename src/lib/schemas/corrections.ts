import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { MAX_AMOUNT_MINOR, parseAmountMinor, parsePriceMicro, parseQuantity } from '#lib/money/index.ts';

/** Bill corrections (fees/corrections.ts): the request, the manager's decision, the reissue after a void. */

export const correctionKinds = ['void', 'credit_note', 'adjust_line', 'write_off'] as const;
export type CorrectionKind = (typeof correctionKinds)[number];

/** Lines a reissued bill may have (a bill has a handful). */
const MAX_REISSUE_LINES = 50;

/**
 * The request as the plain form posts it: every kind's fields are on the page, and only the chosen
 * kind's are read (a credit's amount; a line, its quantity and unit price). Amounts are kept as
 * typed, so a form sent back shows them again, and parsed exactly.
 */
export const correctionRequestSchema = z
	.object({
		billId: z.string().trim().max(36),
		kind: z.enum(correctionKinds, { error: () => m.corrections_kind_required() }),
		amount: z.string().trim().max(30).default(''),
		lineId: z.string().trim().max(36).default(''),
		quantity: z.string().trim().max(30).default(''),
		unitPrice: z.string().trim().max(30).default(''),
		reason: z
			.string()
			.trim()
			.min(1, { error: () => m.corrections_reason_required() })
			.max(1000)
	})
	.superRefine((data, ctx) => {
		if (data.kind === 'credit_note') {
			const minor = parseAmountMinor(data.amount);
			if (minor === null) ctx.addIssue({ code: 'custom', path: ['amount'], message: m.corrections_amount_invalid() });
			else if (minor <= 0) ctx.addIssue({ code: 'custom', path: ['amount'], message: m.corrections_amount_positive() });
			else if (minor > MAX_AMOUNT_MINOR) ctx.addIssue({ code: 'custom', path: ['amount'], message: m.corrections_amount_invalid() });
		}
		if (data.kind === 'adjust_line') {
			if (!data.lineId) ctx.addIssue({ code: 'custom', path: ['lineId'], message: m.corrections_line_required() });
			if (parseQuantity(data.quantity) === null)
				ctx.addIssue({ code: 'custom', path: ['quantity'], message: m.corrections_quantity_invalid() });
			if (parsePriceMicro(data.unitPrice) === null)
				ctx.addIssue({ code: 'custom', path: ['unitPrice'], message: m.corrections_price_invalid() });
		}
	});
export type CorrectionRequestForm = z.infer<typeof correctionRequestSchema>;

export const correctionDecisionSchema = z.object({
	decision: z.enum(['approve', 'reject'], { error: () => m.corrections_decision_required() }),
	/** Required to reject (the service says so at the field). */
	note: z.string().trim().max(1000).default('')
});

/** The corrected bill: each of the voided bill's lines, in order, with its quantity and unit price as typed. */
export const reissueSchema = z.object({
	quantity: z.array(z.string().trim().max(30)).min(1).max(MAX_REISSUE_LINES),
	unitPrice: z.array(z.string().trim().max(30)).min(1).max(MAX_REISSUE_LINES)
});
export type ReissueForm = z.infer<typeof reissueSchema>;
