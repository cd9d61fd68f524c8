import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { MAX_AMOUNT_MINOR, MAX_PRICE_MICRO, parseAmountMinor, parsePriceMicro, parseQuantity } from '#lib/money/index.ts';

/** The finance desk's forms: counter payment, one-off bill, meter reading, billing run. */

export const counterMethods = ['cash', 'bank_transfer', 'pos'] as const;
export const meterKinds = ['water', 'electricity'] as const;
export type MeterKind = (typeof meterKinds)[number];

// A date in the future is refused by the services, which know the unit's estate and so its today.
const isoDate = z.iso.date({ error: () => m.field_date_invalid() });

/** Whose bill or money: the owner's or the renter's ('' = as the fee item says, or none chosen). */
export const partyChoices = ['owner', 'renter'] as const;
const partyField = z.enum(['', ...partyChoices], { error: () => m.feesstaff_choice_invalid() }).default('');
const uuidOrEmpty = z
	.string()
	.trim()
	.max(36)
	.regex(/^$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: () => m.feesstaff_choice_invalid() })
	.default('');

/** A typed amount of money: kept as typed (so a failed form shows it again), checked to parse exactly. */
export const amountField = z
	.string()
	.trim()
	.min(1)
	.max(30)
	.refine((v) => parseAmountMinor(v) !== null, { error: () => m.feesstaff_amount_invalid() })
	.refine((v) => (parseAmountMinor(v) ?? 0) > 0, { error: () => m.feesstaff_amount_positive() })
	.refine((v) => (parseAmountMinor(v) ?? 0) <= MAX_AMOUNT_MINOR, { error: () => m.feesstaff_amount_too_big() });

/** A typed unit price (up to six decimals for per-m² rates), checked to parse exactly. */
export const priceField = z
	.string()
	.trim()
	.min(1)
	.max(30)
	.refine((v) => parsePriceMicro(v) !== null, { error: () => m.feesstaff_price_invalid() })
	.refine((v) => (parsePriceMicro(v) ?? 0) <= MAX_PRICE_MICRO, { error: () => m.feesstaff_price_invalid() });

export const counterPaymentSchema = z.object({
	amount: amountField,
	method: z.enum(counterMethods, { error: () => m.feesstaff_method_required() }),
	receiptNo: z.string().trim().min(1).max(60),
	receivedOn: isoDate,
	/** Bills to pay, oldest first; none chosen: every open bill of the party, oldest first. */
	billIds: z.array(z.string().trim().max(36)).max(200).default([]),
	/** Who paid: needed when no bill is chosen (then the party's open bills are paid, the rest is its credit). */
	party: partyField
});
export type CounterPaymentForm = z.infer<typeof counterPaymentSchema>;

export const oneOffBillSchema = z
	.object({
		/** A fresh id per form shown: submitting the same form twice issues one bill. */
		key: z.uuid({ error: () => m.feesstaff_form_stale() }),
		/** A non-periodic fee item, or '' for a free-text line. */
		feeItemId: uuidOrEmpty,
		description: z.string().trim().max(200).default(''),
		quantity: z
			.string()
			.trim()
			.min(1)
			.max(20)
			.refine((v) => parseQuantity(v) !== null, { error: () => m.feesstaff_quantity_invalid() })
			.refine((v) => Number(parseQuantity(v) ?? 0) > 0, { error: () => m.feesstaff_quantity_invalid() }),
		/** Empty with a fee item: the item's current price. */
		unitPrice: z
			.string()
			.trim()
			.max(30)
			.refine((v) => v === '' || parsePriceMicro(v) !== null, { error: () => m.feesstaff_price_invalid() })
			.refine((v) => v === '' || (parsePriceMicro(v) ?? 0) <= MAX_PRICE_MICRO, { error: () => m.feesstaff_price_invalid() })
			.default(''),
		note: z.string().trim().max(500).default(''),
		/** Whom it bills when the fee item bills whoever asked (deposits, renovation, free text). */
		party: partyField
	})
	.superRefine((data, ctx) => {
		if (data.feeItemId === '' && data.description === '') {
			ctx.addIssue({ code: 'custom', path: ['description'], message: m.feesstaff_description_required() });
		}
		if (data.feeItemId === '' && data.unitPrice === '') {
			ctx.addIssue({ code: 'custom', path: ['unitPrice'], message: m.feesstaff_price_required() });
		}
	});
export type OneOffBillForm = z.infer<typeof oneOffBillSchema>;

/** A meter value: kWh or m³ with at most two decimals. */
const meterValueField = z
	.string()
	.trim()
	.min(1)
	.max(20)
	.refine((v) => parseQuantity(v) !== null, { error: () => m.feesstaff_reading_value_invalid() });

export const readingSchema = z.object({
	buildingId: z.uuid({ error: () => m.feesstaff_building_required() }),
	unitNumber: z.string().trim().min(1).max(20),
	meter: z.enum(meterKinds, { error: () => m.feesstaff_meter_required() }),
	readOn: isoDate,
	value: meterValueField
});
export type ReadingForm = z.infer<typeof readingSchema>;

export const billingRunSchema = z.object({
	period: z
		.string()
		.trim()
		.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: () => m.feesstaff_period_invalid() }),
	estateId: uuidOrEmpty
});
export type BillingRunForm = z.infer<typeof billingRunSchema>;

/** What a finance desk form says after a post: done (`ok`) or refused, in words. */
export interface DeskMessage {
	ok: boolean;
	text: string;
}
/** A counter payment links to its numbered receipt, to print for the payer at once. */
export type CounterMessage = DeskMessage & { receipt?: { number: string; href: string } };
/** A billing run also says how many bills it made, so "nothing new" reads differently. */
export type BillingRunMessage = DeskMessage & { bills: number };
/** A saved reading links to the unit it was saved for. */
export type ReadingMessage = DeskMessage & { unitId: string; unitNumber: string };
