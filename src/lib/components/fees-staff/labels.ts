import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';

/** Words and numbers of the finance desk pages, in the reader's language. */
export { money } from '#lib/money/index.ts';
export { billReference } from '#lib/references.ts';
import { unitPrice as price } from '#lib/money/index.ts';
import type { BillState } from '#lib/server/fees/bill-machine.ts';
import type { FeePayer, Party } from '#lib/server/fees/parties.ts';

const parties: Record<Party, () => string> = { owner: m.feesstaff_party_owner, renter: m.feesstaff_party_renter };
/** 'Owner' / 'Renter': whose bill, money or part of the account. */
export const partyName = (party: Party) => parties[party]();

const payers: Record<FeePayer, () => string> = {
	owner: m.feesstaff_payer_owner,
	occupant: m.feesstaff_payer_occupant,
	requester: m.feesstaff_payer_requester
};
/** Whom a fee item bills. */
export const payerName = (payer: FeePayer) => payers[payer]();

const states: Record<BillState, () => string> = {
	open: m.feesstaff_state_open,
	paid: m.feesstaff_state_paid,
	void: m.feesstaff_state_void,
	written_off: m.corrections_state_written_off
};
export const stateName = (state: keyof typeof states) => states[state]();

const sources = {
	billing_run: m.feesstaff_source_billing_run,
	paid_service: m.feesstaff_source_paid_service,
	deposit: m.feesstaff_source_deposit,
	renovation: m.feesstaff_source_renovation,
	manual: m.feesstaff_source_manual
} as const;
const sourceName = (source: keyof typeof sources) => sources[source]();

/** "2026-10" for a monthly bill, else the kind of one-off bill. */
export function billFor(bill: { source: keyof typeof sources; period: string | null }): string {
	return bill.period ? bill.period : sourceName(bill.source);
}

const entryKinds = {
	charge: m.feesstaff_kind_charge,
	payment: m.feesstaff_kind_payment,
	refund: m.feesstaff_kind_refund,
	deduction: m.feesstaff_kind_deduction,
	write_off: m.feesstaff_kind_write_off,
	deposit_held: m.feesstaff_kind_deposit_held,
	deposit_refund: m.feesstaff_kind_deposit_refund,
	credit_note: m.corrections_entry_credit_note,
	reversal: m.corrections_entry_reversal
} as const;
export const entryKindName = (kind: keyof typeof entryKinds) => entryKinds[kind]();

const methods: Record<string, () => string> = {
	cash: m.feesstaff_method_cash,
	bank_transfer: m.feesstaff_method_bank_transfer,
	pos: m.feesstaff_method_pos
};
export const methodName = (method: string) => (methods[method] ?? m.feesstaff_method_online)();

const meters = { water: m.feesstaff_meter_water, electricity: m.feesstaff_meter_electricity } as const;
export const meterName = (meter: keyof typeof meters) => meters[meter]();

const feeKinds = {
	management: m.feesstaff_kind_management,
	water: m.feesstaff_kind_water,
	electricity: m.feesstaff_kind_electricity,
	deposit: m.feesstaff_kind_deposit,
	paid_service: m.feesstaff_kind_paid_service,
	renovation: m.feesstaff_kind_renovation,
	other: m.feesstaff_kind_other
} as const;
export const feeKindName = (kind: keyof typeof feeKinds) => feeKinds[kind]();

const bases = {
	per_m2_month: m.feesstaff_basis_per_m2_month,
	per_reading: m.feesstaff_basis_per_reading,
	fixed: m.feesstaff_basis_fixed,
	per_m2: m.feesstaff_basis_per_m2_once
} as const;
export const basisName = (basis: keyof typeof bases) => bases[basis]();

/** A price with what it is per: "¥3.80 / m² / month". */
export function priceFor(basis: keyof typeof bases, micro: number, currency: string): string {
	const amount = price(micro, currency);
	if (basis === 'per_m2_month') return m.feesstaff_price_per_m2({ price: amount });
	if (basis === 'per_reading') return m.feesstaff_price_per_reading({ price: amount });
	if (basis === 'per_m2') return m.feesstaff_price_per_m2_once({ price: amount });
	return m.feesstaff_price_fixed({ price: amount });
}

const uses = { residential: m.feesstaff_use_residential, office: m.feesstaff_use_office, retail: m.feesstaff_use_retail } as const;
export const useName = (use: keyof typeof uses | null | '') => (use ? uses[use]() : m.feesstaff_all_units());

/** The name of a dictionary row or bill line in the reader's language. */
export function localName(names: { nameEn: string; nameZhHans: string; nameZhHant: string }): string {
	const locale = getLocale();
	return locale === 'zh-Hans' ? names.nameZhHans : locale === 'zh-Hant' ? names.nameZhHant : names.nameEn;
}
