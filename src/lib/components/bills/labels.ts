// What the bills pages call a bill, a payment method and a bill's state, in the reader's language.
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { businessDate } from '#lib/time/index.ts';

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

/** '2026-10' → 'October 2026' / '2026年10月'. */
export function monthName(period: string, locale: string = getLocale()): string {
	const [year, month] = period.split('-').map(Number);
	return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.UTC(year!, month! - 1, 1));
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
	if (bill.source === 'billing_run' && bill.period) return m.bills_period_title({ month: monthName(bill.period) });
	const name = localName(bill.firstLine);
	if (!name) return sourceLabel[bill.source]();
	const more = (bill.lineCount ?? 1) - 1;
	return more > 0 ? m.bills_more_lines({ name, count: more }) : name;
}

export function stateLabel(state: 'open' | 'paid' | 'void'): string {
	return state === 'paid' ? m.bills_state_paid() : state === 'void' ? m.bills_state_void() : m.bills_state_open();
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

/** A business date 'YYYY-MM-DD' as '24 Nov 2026' in the reader's language. */
export function day(date: string): string {
	return businessDate(date);
}
