import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';

/** Words for the refund and reconciliation codes, in the reader's language. */

export function refundStateName(state: string): string {
	if (state === 'requested') return m.finance_state_requested();
	if (state === 'approved') return m.finance_state_approved();
	if (state === 'rejected') return m.finance_state_rejected();
	if (state === 'paid') return m.finance_state_paid();
	return state;
}

export function refundKindName(kind: string): string {
	return kind === 'deposit' ? m.finance_kind_deposit() : m.finance_kind_credit();
}

export function refundMethodName(method: string): string {
	if (method === 'bank_transfer') return m.finance_method_bank_transfer();
	if (method === 'cash') return m.finance_method_cash();
	if (method === 'cheque') return m.finance_method_cheque();
	return method;
}

export function refundEventName(kind: string): string {
	if (kind === 'request') return m.finance_event_request();
	if (kind === 'approve') return m.finance_event_approve();
	if (kind === 'reject') return m.finance_event_reject();
	if (kind === 'pay') return m.finance_event_pay();
	return kind;
}

export function providerLabel(provider: string | null): string {
	if (provider === 'counter') return m.finance_provider_counter();
	if (provider === 'stripe') return m.finance_provider_stripe();
	if (provider === 'sandbox') return m.finance_provider_sandbox();
	return m.finance_provider_none();
}

export function mismatchLabel(kind: string): string {
	if (kind === 'missing_ledger') return m.finance_mismatch_missing_ledger();
	if (kind === 'orphan_ledger') return m.finance_mismatch_orphan_ledger();
	if (kind === 'amount_differs') return m.finance_mismatch_amount_differs();
	return m.finance_mismatch_missing_webhook();
}

/** 0.853 → "85.3 %" in the reader's language; "–" when there is nothing to measure. */
export function rateText(rate: number | null): string {
	if (rate === null) return '–';
	return new Intl.NumberFormat(getLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}
