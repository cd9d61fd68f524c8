import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { MAX_AMOUNT_MINOR, parseAmountMinor } from '#lib/money/index.ts';

/** Refunds (退款): the request form, the decision and the payout. */

/** Empty deduction rows a new request starts with; "add a row" posts the form for one more. */
export const REFUND_START_ROWS = 3;
export const MAX_DEDUCTIONS = 20;
export const refundMethods = ['bank_transfer', 'cash', 'cheque'] as const;
export type RefundMethod = (typeof refundMethods)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a request refunds: 'credit:owner' / 'credit:renter' (that party's credit), or 'deposit:<bill id>' for one held deposit. */
export function parseRefundSource(
	source: string
): { kind: 'credit'; party: 'owner' | 'renter' } | { kind: 'deposit'; billId: string } | null {
	if (source === 'credit:owner' || source === 'credit:renter')
		return { kind: 'credit', party: source === 'credit:owner' ? 'owner' : 'renter' };
	const match = /^deposit:(.+)$/.exec(source);
	return match && UUID.test(match[1]!) ? { kind: 'deposit', billId: match[1]! } : null;
}

/**
 * The request as the plain form posts it: the source, the credit amount (blank: all of it),
 * deductions as parallel lists of reason and amount (rows left empty are ignored), and why.
 * Amounts are kept as typed, so a form sent back shows them again, and parsed exactly.
 */
export const refundRequestSchema = z
	.object({
		unitId: z.string().trim().max(36),
		source: z.string().trim().max(60).default(''),
		amount: z.string().trim().max(30).default(''),
		deductionReason: z.array(z.string().trim().max(200)).max(MAX_DEDUCTIONS).default([]),
		deductionAmount: z.array(z.string().trim().max(30)).max(MAX_DEDUCTIONS).default([]),
		reason: z.string().trim().min(1).max(1000)
	})
	.superRefine((data, ctx) => {
		const source = parseRefundSource(data.source);
		if (!source) ctx.addIssue({ code: 'custom', path: ['source'], message: m.finance_refund_source_required() });
		if (source?.kind === 'credit' && data.amount !== '') {
			const minor = parseAmountMinor(data.amount);
			if (minor === null) ctx.addIssue({ code: 'custom', path: ['amount'], message: m.finance_amount_invalid() });
			else if (minor <= 0) ctx.addIssue({ code: 'custom', path: ['amount'], message: m.finance_amount_positive() });
			else if (minor > MAX_AMOUNT_MINOR) ctx.addIssue({ code: 'custom', path: ['amount'], message: m.finance_amount_too_big() });
		}
		const rows = Math.max(data.deductionReason.length, data.deductionAmount.length);
		for (let row = 0; row < rows; row++) {
			const reason = data.deductionReason[row] ?? '';
			const amount = data.deductionAmount[row] ?? '';
			if (reason === '' && amount === '') continue;
			if (source?.kind === 'credit') {
				ctx.addIssue({ code: 'custom', path: ['deductionReason', row], message: m.finance_refund_deductions_deposit_only() });
				continue;
			}
			if (reason === '')
				ctx.addIssue({ code: 'custom', path: ['deductionReason', row], message: m.finance_refund_deduction_reason_required() });
			const minor = parseAmountMinor(amount);
			if (amount === '' || minor === null)
				ctx.addIssue({ code: 'custom', path: ['deductionAmount', row], message: m.finance_amount_invalid() });
			else if (minor <= 0) ctx.addIssue({ code: 'custom', path: ['deductionAmount', row], message: m.finance_amount_positive() });
			else if (minor > MAX_AMOUNT_MINOR)
				ctx.addIssue({ code: 'custom', path: ['deductionAmount', row], message: m.finance_amount_too_big() });
		}
	});
export type RefundRequestForm = z.infer<typeof refundRequestSchema>;

/** The deductions a valid form names, in minor units. */
export function deductionsOf(
	data: Pick<RefundRequestForm, 'deductionReason' | 'deductionAmount'>
): { reason: string; amountMinor: number }[] {
	const rows: { reason: string; amountMinor: number }[] = [];
	data.deductionReason.forEach((reason, row) => {
		const amount = data.deductionAmount[row] ?? '';
		if (reason === '' && amount === '') return;
		rows.push({ reason, amountMinor: parseAmountMinor(amount) ?? 0 });
	});
	return rows;
}

export const refundDecisionSchema = z.object({
	decision: z.enum(['approve', 'reject'], { error: () => m.finance_refund_decision_required() }),
	/** Required to reject (the service says so at the field). */
	note: z.string().trim().max(1000).default('')
});

export const refundPaySchema = z.object({
	method: z.enum(refundMethods, { error: () => m.finance_refund_method_required() }),
	paidOn: z.iso.date({ error: () => m.field_date_invalid() })
});
export type RefundPayForm = z.infer<typeof refundPaySchema>;
