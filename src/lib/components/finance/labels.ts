import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { numberFormat } from '#lib/numbers.ts';
import type { RefundEventKind, RefundState } from '#lib/server/fees/refund-machine.ts';
import type { Party } from '#lib/server/fees/parties.ts';

/** Words for the refund and reconciliation codes, in the reader's language. */

const refundStates: Record<RefundState, () => string> = {
	requested: m.finance_state_requested,
	approved: m.finance_state_approved,
	rejected: m.finance_state_rejected,
	paid: m.finance_state_paid
};

export function refundStateName(state: string): string {
	return state in refundStates ? refundStates[state as RefundState]() : state;
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

/** Checked complete against the refund's event kinds (refund-machine.ts). */
export const refundEvents: Record<RefundEventKind, () => string> = {
	request: m.finance_event_request,
	approve: m.finance_event_approve,
	reject: m.finance_event_reject,
	pay: m.finance_event_pay
};

export function refundEventName(kind: string): string {
	return kind in refundEvents ? refundEvents[kind as RefundEventKind]() : kind;
}

const partyNames: Record<Party, () => string> = { owner: m.finance_party_owner, renter: m.finance_party_renter };

/** 'owner' / 'renter' as a word in a sentence. */
export function partyName(party: Party): string {
	return partyNames[party]();
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
	return numberFormat(getLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}
