// What the bills pages call a bill, a payment method and a bill's state, in the reader's language.
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { businessDate, monthName } from '#lib/time/index.ts';
import type { BillState } from '#lib/server/fees/bill-machine.ts';
import type { Party } from '#lib/server/fees/parties.ts';

export interface Names {
	nameEn: string;
	nameZhHans: string;
	nameZhHant: string;
}

export interface TitledBill {
	source: 'billing_run' | 'paid_service' | 'deposit' | 'renovation' | 'manual';
	period: string | null;
	firstLine: Names;
	lineCount?: number;
}

export function localName(names: Names, locale: string = getLocale()): string {
	if (locale === 'zh-Hans') return names.nameZhHans;
	if (locale === 'zh-Hant') return names.nameZhHant;
	return names.nameEn;
}

const sourceLabel = {
	billing_run: () => m.bills_source_billing_run(),
	paid_service: () => m.bills_source_paid_service(),
	deposit: () => m.bills_source_deposit(),
	renovation: () => m.bills_source_renovation(),
	manual: () => m.bills_source_manual()
} as const;

/** A monthly bill by its month; a one-off bill by what its first line is for. */
export function billTitle(bill: TitledBill): string {
	// A monthly bill, or one reissued for its month after a void (fees/corrections.ts).
	if (bill.period) return m.bills_period_title({ month: monthName(bill.period) });
	const name = localName(bill.firstLine);
	if (!name) return sourceLabel[bill.source]();
	const more = (bill.lineCount ?? 1) - 1;
	return more > 0 ? m.bills_more_lines({ name, count: more }) : name;
}

const states: Record<BillState, () => string> = {
	open: m.bills_state_open,
	paid: m.bills_state_paid,
	void: m.bills_state_void,
	written_off: m.corrections_state_written_off_resident
};

export function stateLabel(state: BillState): string {
	return states[state]();
}

const asParty: Record<Party, () => string> = { owner: m.bills_as_owner, renter: m.bills_as_renter };

/** "Your bills as the owner": whose bills a unit's section lists (fees/parties.ts). */
export function partyHeading(party: Party): string {
	return asParty[party]();
}

/** How a payment was made: the counter's method, or online. */
export function methodLabel(provider: 'counter' | 'stripe' | 'sandbox', method: string): string {
	if (provider === 'sandbox') return m.bills_method_sandbox();
	if (provider === 'stripe') return m.bills_method_online();
	if (method === 'cash') return m.bills_method_cash();
	if (method === 'bank_transfer') return m.bills_method_bank_transfer();
	if (method === 'pos') return m.bills_method_pos();
	return method;
}

export function providerLabel(provider: string): string {
	return provider === 'stripe' ? m.bills_provider_stripe() : provider === 'sandbox' ? m.bills_provider_sandbox() : provider;
}

/** The measure a line's quantity is in, from its fee item's kind (symbols read the same in every language). */
export function quantityUnit(kind: string | null): string {
	return kind === 'management' ? 'm²' : kind === 'water' ? 'm³' : kind === 'electricity' ? 'kWh' : '';
}

/** A business date 'YYYY-MM-DD' as '24 Nov 2026' in the reader's language (it has no zone). */
export function day(date: string): string {
	return businessDate(date);
}
