// What the bills pages call a bill, a payment method and a bill's state, in the reader's language.
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { businessDate, dateOf, monthName } from '#lib/time/index.ts';
import type { BillState } from '#lib/server/fees/bill-machine.ts';
import type { Party } from '#lib/server/fees/parties.ts';
import type { HeldDeposit } from '#lib/server/fees/deposits.ts';
import { billReference } from '#lib/references.ts';
import { money } from '#lib/money/index.ts';

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

function providerLabel(provider: string): string {
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

/** A bill as a list shows it (BillLine), worded on the server so that the phone gets text, not the wording rules. */
export interface ListedBill {
	seq: number;
	overdue: boolean;
	/** What the bill is for (billTitle). */
	title: string;
	/** "Due 24 Nov 2026", or what replaces it, e.g. "Paid 3 Nov 2026". */
	when: string;
}

/** The words of a bill's line in a list: its title and its due date. */
export function listedBill<T extends TitledBill & { seq: number; dueOn: string; overdue: boolean }>(bill: T): T & ListedBill {
	return { ...bill, title: billTitle(bill), when: m.bills_due_on({ date: day(bill.dueOn) }) };
}

/** A paid bill in the history: when it was paid, on the estate's calendar, where the due date was. */
export function paidBill<T extends TitledBill & { seq: number; dueOn: string; paidAt: Date | null }>(
	bill: T,
	timeZone: string
): T & ListedBill {
	const listed = listedBill({ ...bill, overdue: false });
	return bill.paidAt ? { ...listed, when: m.bills_paid_on({ date: dateOf(bill.paidAt, timeZone) }) } : listed;
}

/** A deposit held, as the bills page lists it: what it is for, when it was paid, what was released. */
export function heldDeposit(deposit: HeldDeposit): HeldDeposit & { title: string; paid: string; released: string } {
	return {
		...deposit,
		title: localName({ nameEn: deposit.name, nameZhHans: deposit.nameZhHans, nameZhHant: deposit.nameZhHant }) || m.bills_source_deposit(),
		paid: m.bills_deposit_paid({ number: billReference(deposit.seq), date: day(deposit.issuedOn) }),
		released: deposit.releasedMinor > 0 ? m.bills_deposit_released({ amount: money(deposit.releasedMinor, deposit.currency) }) : ''
	};
}

/** The payment providers offered, each with its name in the reader's language (a pay form's choices). */
export function providerChoices(providers: string[]): { id: string; label: string }[] {
	return providers.map((id) => ({ id, label: providerLabel(id) }));
}
